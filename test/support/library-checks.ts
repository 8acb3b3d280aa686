import { expect } from 'vitest'
import { postForm, postJson, type RunningApp } from './server.js'

/**
 * The relation-rich app (test/fixtures/library.yaml) over HTTP, on a fresh database: a book with its author and a
 * tag, listed with its author; a Specimen with every scalar type, read back exactly (a bigint beyond 2^53 among
 * them, unless `big` says how big the database takes); a missing tag and an author still referred to are 409s, and
 * the refused book is not written.
 */
export async function checkLibraryOverHttp(app: RunningApp, { big = '9007199254740993' } = {}) {
  const author = (await (await postJson(app, '/api/authors', { name: 'Octavia E. Butler' })).json()) as { id: number }
  const tag = (await (await postJson(app, '/api/tags', { name: 'science fiction' })).json()) as { id: number }
  const book = await postJson(app, '/api/books', { title: 'Kindred', isbn: 'isbn-1', authorId: author.id, tagIds: [tag.id] })
  expect(book.status).toBe(201)
  const listed = (await (await fetch(`${app.url}/api/books`)).json()) as { items: unknown[] }
  expect(listed.items).toEqual([expect.objectContaining({ title: 'Kindred', author: { id: author.id, name: 'Octavia E. Butler' } })])
  const specimen = await postJson(app, '/api/specimen', {
    label: 'every type', count: 1, big, price: '1.50', happenedAt: '2026-03-04T05:06:07Z', day: '2026-03-04',
    ref: '0b6e0fd2-5f7e-4c3a-9d8e-1a2b3c4d5e6f', status: 'draft',
  })
  expect(specimen.status).toBe(201)
  const row = (await specimen.json()) as { id: number }
  expect(row).toMatchObject({ big, price: '1.5' })
  expect(await (await fetch(`${app.url}/api/specimen/${row.id}`)).json()).toMatchObject({ big, price: '1.5', count: 1 })
  expect((await postJson(app, '/api/books', { title: 'Dawn', isbn: 'isbn-2', authorId: author.id, tagIds: [tag.id, 999] })).status).toBe(409)
  expect(((await (await fetch(`${app.url}/api/books`)).json()) as { total: number }).total).toBe(1)
  expect((await postForm(app, `/author/${author.id}/delete`, {})).status).toBe(409)
}
