import { expect } from 'vitest'
import { postForm, postJson, type RunningApp } from './server.js'

/**
 * The quickstart app (the seed's User) over HTTP, on an empty database: the seed's flow (create by form, redirect
 * to the detail page), the JSON API with a taken username (409 naming the field), a page of the list, a missing
 * row (404), a form with errors (422), a form from another site (403) and the API's document. Leaves two users,
 * ada and grace.
 */
export async function checkQuickstartOverHttp(app: RunningApp) {
  const created = await postForm(app, '/users/create', { username: 'ada', email: 'ada@example.com' })
  expect(created.status).toBe(303)
  const detail = await fetch(app.url + (created.headers.get('location') ?? ''))
  expect(await detail.text()).toContain('ada@example.com')
  expect((await postJson(app, '/api/users', { username: 'grace' })).status).toBe(201)
  const taken = await postJson(app, '/api/users', { username: 'grace' })
  expect(taken.status).toBe(409)
  expect(await taken.json()).toMatchObject({ errors: { username: 'Already taken' } })
  const page = await (await fetch(`${app.url}/api/users?per_page=1&page=2`)).json()
  expect(page).toMatchObject({ page: 2, per_page: 1, total: 2, pages: 2, items: [{ username: 'grace' }] })
  expect((await fetch(`${app.url}/user/999999`)).status).toBe(404)
  expect((await postForm(app, '/users/create', { username: '' })).status).toBe(422)
  expect((await postForm(app, '/users/create', { username: 'eve' }, 'https://evil.example')).status).toBe(403)
  expect((await fetch(`${app.url}/api/openapi.json`)).status).toBe(200)
}
