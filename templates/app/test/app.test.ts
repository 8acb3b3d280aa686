import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { stylesheetUrl } from '../src/routes/stylesheet.js'
import { css } from '../src/views/stylesheet.js'
import { testDb } from './database.js'

const db = testDb()
const app = createApp(db)

afterAll(async () => {
  await db.$disconnect()
})

describe('the app as a whole', () => {
  it('answers unknown pages with the 404 page', async () => {
    const response = await app.request('/no/such/page')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('404 Not Found')
  })

  it('answers /healthz and, with the database reachable, /readyz', async () => {
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' })
    const ready = await app.request('/readyz')
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready' })
  })

  it('sends secure headers, with a Content-Security-Policy that allows no inline script or style', async () => {
    const response = await app.request('/no/such/page')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
    )
    const html = await response.text()
    expect(html).not.toMatch(/<script|<style|\sstyle=/)
    expect(html).toContain(`<link rel="stylesheet" href="${stylesheetUrl}"/>`)
  })

  it('serves the stylesheet at the URL the pages link to, to be cached for a year', async () => {
    const response = await app.request(stylesheetUrl)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await response.text()).toBe(css)
  })

  it('describes its JSON API in an OpenAPI 3.1 document, and serves Swagger UI on it from its own files', async () => {
    const document = await (await app.request('/api/openapi.json')).json()
    expect(document.openapi).toBe('3.1.0')
    expect(Object.keys(document.paths).length).toBeGreaterThan(0)
    expect(Object.keys(document.paths).every((path) => path.startsWith('/api/'))).toBe(true)
    const docs = await app.request('/api/docs')
    expect(docs.status).toBe(200)
    // The app's policy, with data: images for Swagger UI's icons.
    expect(docs.headers.get('content-security-policy')).toBe(
      "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'; img-src 'self' data:",
    )
    const html = await docs.text()
    const files = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!)
    expect(files).toEqual(['/api/docs/swagger-ui.css', '/api/docs/swagger-ui-bundle.js', '/api/docs/start.js'])
    for (const file of files) expect((await app.request(file)).status, file).toBe(200)
    for (const other of ['index.html', 'toString', '__proto__']) expect((await app.request(`/api/docs/${other}`)).status, other).toBe(404)
  })

  it('refuses a body of the wrong kind with 415: pages read forms, the API reads JSON', async () => {
    const json = await app.request('/any/page', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' } })
    expect(json.status).toBe(415)
    const text = await app.request('/api/anything', { method: 'POST', body: 'a=1', headers: { 'Content-Type': 'text/plain' } })
    expect(text.status).toBe(415)
    expect(text.headers.get('content-type')).toBe('application/problem+json')
  })

  it('refuses a request body over the limit with 413, a page or problem+json, and closes the connection', async () => {
    const body = 'x'.repeat(2 * 1024 * 1024)
    const api = await app.request('/api/anything', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } })
    expect(api.status).toBe(413)
    expect(api.headers.get('content-type')).toBe('application/problem+json')
    expect(api.headers.get('connection')).toBe('close')
    // A Content-Length over the limit is refused before the body is read: tooLarge then reads it to its end.
    const request = new Request('http://localhost/any/page', {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length) },
    })
    const page = await app.request(request)
    expect(request.bodyUsed).toBe(true)
    expect(page.status).toBe(413)
    expect(await page.text()).toContain('413 Payload Too Large')
    expect(page.headers.get('connection')).toBe('close')
  })
})
