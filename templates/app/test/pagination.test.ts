import { describe, expect, it } from 'vitest'
import { Pagination } from '../src/views/pagination.js'

const props = (page: number, pages: number) => ({
  page: { items: [], page, per_page: 20, total: pages * 20, pages },
  path: '/rows',
  query: { page, sort: 'id', q: '' },
})

const render = (page: number, pages: number) => String(Pagination(props(page, pages)))

/** The page numbers shown, in order. */
const numbers = (html: string) => [...html.matchAll(/>(\d+)</g)].map((match) => Number(match[1]))

describe('pagination links', () => {
  it('shows the first and last page, the two either side of this one, and … for each gap', () => {
    const html = render(50, 5000)
    expect(numbers(html)).toEqual([1, 48, 49, 50, 51, 52, 5000])
    expect(html.match(/…/g)).toHaveLength(2)
    expect(html).toContain('<strong aria-current="page">50</strong>')
    expect(html).toContain('<a href="/rows?page=51&amp;sort=id" rel="next">Next</a>')
  })

  it('shows each page once near the ends, and no links for a single page', () => {
    expect(numbers(render(1, 3))).toEqual([1, 2, 3])
    expect(numbers(render(4, 4))).toEqual([1, 2, 3, 4])
    expect(numbers(render(1, 9))).toEqual([1, 2, 3, 9])
    expect(render(1, 9)).toContain('<span>Previous</span>')
    expect(Pagination(props(1, 1))).toBeNull()
  })
})
