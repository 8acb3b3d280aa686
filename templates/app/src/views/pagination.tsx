import type { Page } from '../lib/pagination.js'

/** The first and last page and the two either side of `page`, in order: the same few however long the list. */
function pageNumbers(page: number, pages: number): number[] {
  const near: number[] = []
  for (let n = Math.max(1, page - 2); n <= Math.min(pages, page + 2); n++) near.push(n)
  return [...new Set([1, ...near, pages])]
}

/** Previous/next and numbered page links that keep the list's other query parameters. */
export function Pagination({ page, path, query }: { page: Page<unknown>; path: string; query: Record<string, unknown> }) {
  if (page.pages <= 1) return null
  const href = (n: number) => {
    const params = new URLSearchParams({ page: String(n) })
    for (const [key, value] of Object.entries(query)) {
      if (key !== 'page' && value !== undefined && value !== '') params.set(key, String(value))
    }
    return `${path}?${params}`
  }
  const numbers = pageNumbers(page.page, page.pages)
  return (
    <nav class="pagination" aria-label="Pages">
      {page.page > 1 ? <a href={href(page.page - 1)} rel="prev">Previous</a> : <span>Previous</span>}
      {numbers.map((n, i) => (
        <>
          {i > 0 && n - (numbers[i - 1] ?? n) > 1 && <span>…</span>}
          {n === page.page ? <strong aria-current="page">{n}</strong> : <a href={href(n)}>{n}</a>}
        </>
      ))}
      {page.page < page.pages ? <a href={href(page.page + 1)} rel="next">Next</a> : <span>Next</span>}
    </nav>
  )
}
