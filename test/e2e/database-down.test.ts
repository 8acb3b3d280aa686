import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateApp } from '../support/generated-app.js'
import { clusterUnavailable, createCluster, type Cluster } from '../support/postgres-cluster.js'
import type { RunningApp } from '../support/server.js'

const unavailable = clusterUnavailable()
if (unavailable) {
  if (process.env.DBAPP_REQUIRE_SERVERS === '1') throw new Error(`${unavailable}, and DBAPP_REQUIRE_SERVERS=1 requires a PostgreSQL cluster`)
  console.warn(`SKIPPED database-down tests: ${unavailable}`)
}

/**
 * A PostgreSQL app whose database server stops and comes back (a throw-away cluster of its own): while it is
 * down, every request that needs it gets a 503 with Retry-After (problem+json in the API), never a 500 or a hang,
 * and /readyz says not ready; when it is back, the app serves again by itself, with every row written before.
 */
describe.skipIf(Boolean(unavailable))('the database server stops and comes back', () => {
  let cluster: Cluster
  let app: RunningApp

  beforeAll(async () => {
    cluster = await createCluster()
    app = await generateApp('pgdown', ['--yes', '--database', 'postgresql'], { DATABASE_URL: cluster.url }).start('dev')
  })

  afterAll(async () => {
    await app?.stop()
    cluster?.remove()
  })

  /** A request that must be answered: one that hangs fails the test after 20 s (the pool waits 5 s for a connection). */
  const send = (path: string, init: RequestInit = {}) => fetch(app.url + path, { ...init, redirect: 'manual', signal: AbortSignal.timeout(20_000) })
  const create = (username: string) => send('/api/users', { method: 'POST', body: JSON.stringify({ username }), headers: { 'Content-Type': 'application/json' } })

  it('answers 503 with Retry-After while it is down, and serves again by itself when it is back', async () => {
    expect((await create('before')).status).toBe(201)

    cluster.stop()
    for (const [what, response] of [
      ['list', await send('/api/users')],
      ['create', await create('while-down')],
      ['row', await send('/api/users/1')],
    ] as const) {
      expect(response.status, what).toBe(503)
      expect(response.headers.get('retry-after'), what).toBe('5')
      expect(response.headers.get('content-type'), what).toBe('application/problem+json')
      expect(await response.json(), what).toMatchObject({ status: 503, title: 'Service Unavailable' })
    }
    const page = await send('/users')
    expect(page.status).toBe(503)
    expect(await page.text()).toContain('503 Service Unavailable')
    expect((await send('/readyz')).status).toBe(503)

    cluster.start()
    // Full service within 10 s of the server's return (a bound, polled; a pooled connection from before may fail once).
    const deadline = Date.now() + 10_000
    let answer = await send('/api/users')
    while (answer.status !== 200 && Date.now() < deadline) {
      expect(answer.status).toBe(503)
      await new Promise((resolve) => setTimeout(resolve, 200))
      answer = await send('/api/users')
    }
    expect(answer.status).toBe(200)
    expect(((await answer.json()) as { items: { username: string }[] }).items.map((row) => row.username)).toEqual(['before'])
    expect((await send('/readyz')).status).toBe(200)
    expect((await create('after')).status).toBe(201)
  })
})
