import { execFileSync } from 'node:child_process'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateApp, type GeneratedApp } from '../support/generated-app.js'
import { createCluster, createReplica, poolerUnavailable, startPooler, withDatabase, type Cluster, type Pooler } from '../support/postgres-cluster.js'
import { startProcess, type RunningApp } from '../support/server.js'

const unavailable = poolerUnavailable()
if (unavailable) {
  if (process.env.DBAPP_REQUIRE_SERVERS === '1') throw new Error(`${unavailable}, and DBAPP_REQUIRE_SERVERS=1 requires the replica topology`)
  console.warn(`SKIPPED read replica tests: ${unavailable}`)
}

/** Each step sends thousands of requests with the whole suite running on 2 cores: a hang bound, not a speed check. */
const loadTimeout = 400_000

const form = (fields: Record<string, string>, origin: string): RequestInit => ({ method: 'POST', body: new URLSearchParams(fields), headers: { Origin: origin } })

/** One HTTP client: it keeps the app's cookies for every instance, as a browser does for one site behind a load balancer. */
class Client {
  #cookies = new Map<string, string>()

  async send(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.#cookies.size > 0) headers.set('Cookie', [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    const response = await fetch(url, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';')
      const [name = '', value = ''] = pair.split('=')
      this.#cookies.set(name, value)
    }
    return response
  }
}

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } })

interface Outcome {
  kind: 'read' | 'create' | 'update'
  status: number
  /** The username a create sent. */
  username?: string
  /** When the answer came (epoch ms). */
  at: number
}

/**
 * Sends `total` requests, `concurrency` at a time, spread over the instances: of every 20, 12 reads (the JSON list,
 * a JSON row, the list page), 5 creates and 3 updates of rows that existed before. No cookies: each is a new client.
 * A request that fails on the network is recorded with status 0.
 */
async function mixedLoad(instances: RunningApp[], total: number, concurrency: number, existingIds: number[], tag: string): Promise<Outcome[]> {
  const outcomes: Outcome[] = []
  let next = 0
  const one = async (i: number): Promise<Outcome> => {
    const base = instances[i % instances.length]!.url
    const id = existingIds[i % existingIds.length]!
    const slot = i % 20
    const send = (path: string, init: RequestInit = {}) => fetch(base + path, { ...init, redirect: 'manual', signal: AbortSignal.timeout(30_000) })
    if (slot < 12) {
      const path = slot % 3 === 0 ? '/api/users?per_page=5' : slot % 3 === 1 ? `/api/users/${id}` : '/users?per_page=5'
      const response = await send(path)
      await response.arrayBuffer()
      return { kind: 'read', status: response.status, at: Date.now() }
    }
    if (slot < 17) {
      const username = `${tag}-${i}`
      const response = await send('/api/users', json({ username, email: `${username}@example.com` }))
      await response.arrayBuffer()
      return { kind: 'create', status: response.status, username, at: Date.now() }
    }
    const response = await send(`/api/users/${id}`, { ...json({ email: `${tag}-${i}@example.com` }), method: 'PATCH' })
    await response.arrayBuffer()
    return { kind: 'update', status: response.status, at: Date.now() }
  }
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      const kind = i % 20 < 12 ? 'read' : i % 20 < 17 ? 'create' : 'update'
      outcomes.push(await one(i).catch(() => ({ kind, status: 0, at: Date.now() }) as Outcome))
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return outcomes
}

/** How many answers of each kind had each status: `{ 'read 200': 6000, ... }`. */
const tally = (outcomes: Outcome[]) =>
  outcomes.reduce<Record<string, number>>((counts, { kind, status }) => ({ ...counts, [`${kind} ${status}`]: (counts[`${kind} ${status}`] ?? 0) + 1 }), {})

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows as T[]
  } finally {
    await client.end()
  }
}

/** Polls `check` until it holds or `ms` pass; returns whether it held. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  for (;;) {
    if (await check().catch(() => false)) return true
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/**
 * The topology of the generated README's "Past one database server", built for real on this machine: a primary and
 * a streaming replica (pg_basebackup, its own port), PgBouncer in transaction mode in front of the primary, and two
 * instances of the app of two processes each (WEB_CONCURRENCY=2), reading from the replica (DATABASE_REPLICA_URLS)
 * and writing through PgBouncer. All of it is stopped and removed at the end.
 */
describe.skipIf(Boolean(unavailable))('read replicas, PgBouncer and faults (PostgreSQL)', () => {
  const database = 'replicated'
  let primary: Cluster
  let replica: Cluster
  let pooler: Pooler
  let app: GeneratedApp
  let instances: RunningApp[] = []
  let primaryUrl: string
  let replicaUrl: string
  /** Rows made before the load steps, which their reads and updates use. */
  const existingIds: number[] = []

  const startInstances = async () => {
    const env = { DATABASE_URL: withDatabase(pooler.url, database), DATABASE_REPLICA_URLS: replicaUrl, WEB_CONCURRENCY: '2', DB_REPLICA_RETRY_MS: '1000' }
    instances = await Promise.all([0, 1].map(() => startProcess(app.dir, ['node', 'dist/server.js'], env)))
  }
  const stopInstances = async () => {
    await Promise.all(instances.map((instance) => instance.stop()))
    instances = []
  }
  const caughtUp = async () => {
    const [{ lsn }] = (await query<{ lsn: string }>(primaryUrl, 'SELECT pg_current_wal_lsn()::text AS lsn')) as [{ lsn: string }]
    return eventually(async () => (await query<{ behind: boolean }>(replicaUrl, `SELECT pg_last_wal_replay_lsn() < '${lsn}'::pg_lsn AS behind`))[0]?.behind === false, 30_000)
  }

  beforeAll(async () => {
    primary = await createCluster()
    await query(primary.url, `CREATE DATABASE ${database}`)
    replica = await createReplica(primary)
    pooler = await startPooler(primary)
    primaryUrl = withDatabase(primary.url, database)
    replicaUrl = withDatabase(replica.url, database)
    // The app's DATABASE_URL is PgBouncer; `prisma db push` goes to the primary itself (DIRECT_DATABASE_URL), as the README says.
    app = generateApp('replicas', ['--yes', '--database', 'postgresql'], { DATABASE_URL: withDatabase(pooler.url, database), DIRECT_DATABASE_URL: primaryUrl })
    execFileSync('npm', ['run', 'build'], { cwd: app.dir, stdio: 'pipe' })
    await startInstances()
    const client = new Client()
    for (let i = 0; i < 50; i++) {
      const response = await client.send(`${instances[0]!.url}/api/users`, json({ username: `existing-${i}` }))
      existingIds.push(((await response.json()) as { id: number }).id)
    }
    expect(await caughtUp()).toBe(true)
  })

  afterAll(async () => {
    await stopInstances()
    pooler?.stop()
    replica?.remove()
    primary?.remove()
  })

  it('sends reads to the replica and writes to the primary (each server\'s own statistics)', async () => {
    const scans = async (url: string) =>
      Number((await query<{ n: string }>(url, `SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) AS n FROM pg_stat_user_tables WHERE relname = 'user'`))[0]?.n ?? 0)
    const inserts = async (url: string) => Number((await query<{ n: string }>(url, `SELECT n_tup_ins AS n FROM pg_stat_user_tables WHERE relname = 'user'`))[0]?.n ?? 0)
    const before = { replicaScans: await scans(replicaUrl), primaryScans: await scans(primaryUrl), primaryInserts: await inserts(primaryUrl) }

    for (let i = 0; i < 100; i++) {
      const response = await fetch(`${instances[i % 2]!.url}/api/users/${existingIds[i % existingIds.length]}`)
      expect(response.status).toBe(200)
    }
    for (let i = 0; i < 10; i++) expect((await fetch(`${instances[i % 2]!.url}/api/users`, json({ username: `stats-${i}` }))).status).toBe(201)

    // Statistics reach the views within a few seconds of the queries (PostgreSQL flushes them in the background).
    expect(await eventually(async () => (await scans(replicaUrl)) - before.replicaScans >= 100, 20_000)).toBe(true)
    expect(await eventually(async () => (await inserts(primaryUrl)) - before.primaryInserts >= 10, 20_000)).toBe(true)
    // The primary did none of the 100 reads: only the writes' own checks touched it.
    expect((await scans(primaryUrl)) - before.primaryScans).toBeLessThan(20)
  }, loadTimeout)

  it('with replay on the replica delayed by 2 s: 500 create-redirect-read flows, 0 404s (read-your-writes)', async () => {
    replica.stop()
    replica.start({ recovery_min_apply_delay: '2s' })
    // The control: a new client that reads a row just made by another gets a 404 from the lagging replica.
    const made = await new Client().send(`${instances[0]!.url}/users/create`, form({ username: 'control' }, instances[0]!.url))
    expect(made.status).toBe(303)
    expect((await fetch(instances[1]!.url + made.headers.get('location'))).status).toBe(404)

    const statuses: Record<number, number> = {}
    let next = 0
    const flow = async () => {
      for (let i = next++; i < 500; i = next++) {
        // Each flow is a browser of its own; the load balancer sends its redirected read to the other instance.
        const browser = new Client()
        const [writeTo, readFrom] = [instances[i % 2]!.url, instances[(i + 1) % 2]!.url]
        const created = await browser.send(`${writeTo}/users/create`, form({ username: `flow-${i}` }, writeTo))
        expect(created.status).toBe(303)
        const shown = await browser.send(readFrom + created.headers.get('location'))
        const body = await shown.text()
        statuses[shown.status] = (statuses[shown.status] ?? 0) + 1
        if (shown.status === 200) expect(body).toContain(`flow-${i}`)
      }
    }
    await Promise.all(Array.from({ length: 16 }, flow))
    expect(statuses).toEqual({ 200: 500 })

    replica.stop()
    replica.start()
    expect(await caughtUp()).toBe(true)
  }, loadTimeout)

  it('10,000 mixed requests at 64 connections: 0 errors, exact row counts on the primary and on the replica', async () => {
    const outcomes = await mixedLoad(instances, 10_000, 64, existingIds, 'mixed')
    expect(tally(outcomes)).toEqual({ 'read 200': 6000, 'create 201': 2500, 'update 200': 1500 })
    expect(await caughtUp()).toBe(true)
    const expected = [{ n: 50 + 10 + 1 + 500 + 2500 }]
    const count = `SELECT count(*)::int AS n FROM "user"`
    expect(await query(primaryUrl, count)).toEqual(expected)
    expect(await query(replicaUrl, count)).toEqual(expected)
    const digest = `SELECT md5(string_agg(id || ':' || username || ':' || coalesce(email, ''), ',' ORDER BY id)) AS digest FROM "user"`
    expect(await query(replicaUrl, digest)).toEqual(await query(primaryUrl, digest))
  }, loadTimeout)

  it('the replica stopped in the middle of the load: 0 5xx, on reads or writes; back, it catches up', async () => {
    const load = mixedLoad(instances, 4000, 64, existingIds, 'replica-down')
    await new Promise((resolve) => setTimeout(resolve, 1500))
    replica.stop()
    const stoppedAt = Date.now()
    const outcomes = await load
    expect(tally(outcomes)).toEqual({ 'read 200': 2400, 'create 201': 1000, 'update 200': 600 })
    // The replica went away in the middle: reads were answered before and after.
    expect(outcomes.filter((outcome) => outcome.kind === 'read' && outcome.at < stoppedAt).length).toBeGreaterThan(0)
    expect(outcomes.filter((outcome) => outcome.kind === 'read' && outcome.at > stoppedAt).length).toBeGreaterThan(500)

    replica.start()
    expect(await caughtUp()).toBe(true)
    const count = `SELECT count(*)::int AS n FROM "user"`
    expect(await query(replicaUrl, count)).toEqual(await query(primaryUrl, count))
  }, loadTimeout)

  it('the primary restarted in the middle of the load: only 503s while it is down, no acknowledged write lost, full service within 10 s', async () => {
    const load = mixedLoad(instances, 6000, 64, existingIds, 'primary-down')
    await new Promise((resolve) => setTimeout(resolve, 1000))
    primary.stop()
    const stoppedAt = Date.now()
    // Not ready while the primary is down, though the replica still serves reads.
    const readiness = await fetch(`${instances[0]!.url}/readyz`)
    expect(readiness.status).toBe(503)
    await new Promise((resolve) => setTimeout(resolve, 3000))
    primary.start()
    const backAt = Date.now()
    const outcomes = await load

    const failures = outcomes.filter((outcome) => outcome.status !== 200 && outcome.status !== 201)
    expect(failures.filter((outcome) => outcome.status !== 503)).toEqual([])
    expect(failures.length).toBeGreaterThan(0)
    // Every 503 came while the primary was down, or in the 10 s after it came back.
    expect(failures.filter((outcome) => outcome.at < stoppedAt || outcome.at > backAt + 10_000)).toEqual([])
    // Meanwhile the replica answered reads.
    expect(outcomes.filter((outcome) => outcome.kind === 'read' && outcome.status === 200 && outcome.at > stoppedAt + 500 && outcome.at < backAt).length).toBeGreaterThan(0)

    // Full service within 10 s of its return: a write and a read answer.
    const base = instances[0]!.url
    expect(await eventually(async () => (await fetch(`${base}/api/users`, json({ username: `after-${Date.now()}` }))).status === 201, Math.max(0, backAt + 10_000 - Date.now()))).toBe(true)
    expect((await fetch(`${base}/api/users?per_page=1`)).status).toBe(200)

    const acknowledged = outcomes.filter((outcome) => outcome.kind === 'create' && outcome.status === 201).map((outcome) => outcome.username!)
    const stored = new Set((await query<{ username: string }>(primaryUrl, `SELECT username FROM "user" WHERE username LIKE 'primary-down-%'`)).map((row) => row.username))
    expect(acknowledged.filter((username) => !stored.has(username))).toEqual([])
  }, loadTimeout)
})
