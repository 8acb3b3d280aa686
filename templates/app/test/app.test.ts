import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
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

  it('sends secure headers', async () => {
    const response = await app.request('/no/such/page')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
  })

  it('refuses a body of the wrong kind with 415: pages read forms, the API reads JSON', async () => {
    const json = await app.request('/any/page', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' } })
    expect(json.status).toBe(415)
    const text = await app.request('/api/anything', { method: 'POST', body: 'a=1', headers: { 'Content-Type': 'text/plain' } })
    expect(text.status).toBe(415)
    expect(text.headers.get('content-type')).toBe('application/problem+json')
  })

  it('refuses a request body over the limit with 413', async () => {
    const response = await app.request('/api/anything', {
      method: 'POST',
      body: 'x'.repeat(2 * 1024 * 1024),
      headers: { 'Content-Type': 'application/json' },
    })
    expect(response.status).toBe(413)
  })
})
