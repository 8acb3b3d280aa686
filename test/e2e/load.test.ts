import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateApp, type GeneratedApp } from '../support/generated-app.js'
import { childPids, startProcess, type RunningApp } from '../support/server.js'
import { dropPostgresDatabase, serverAvailable, servers } from '../support/servers.js'

const postgresAvailable = await serverAvailable('postgresql')

/** Each load test takes up to a minute with the whole suite running on 2 cores (generate, build, thousands of requests); a hang bound, not a speed check. */
const loadTimeout = 300_000

interface Outcome {
  status: number
  username: string
}

/**
 * Sends `total` JSON creates, `concurrency` at a time, spread round-robin over the instances; bounded by count.
 * Every request is answered or recorded as a network error (status 0).
 */
async function createMany(instances: RunningApp[], total: number, concurrency: number, username: (i: number) => string): Promise<Outcome[]> {
  const outcomes: Outcome[] = []
  let next = 0
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      const name = username(i)
      const target = instances[i % instances.length]!
      try {
        const response = await fetch(`${target.url}/api/users`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: name }) })
        await response.arrayBuffer()
        outcomes.push({ status: response.status, username: name })
      } catch {
        outcomes.push({ status: 0, username: name })
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return outcomes
}

const countBy = (outcomes: Outcome[]) => outcomes.reduce<Record<number, number>>((counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {})

/** Builds the app and starts `node dist/server.js` (production) as several processes on one database. */
function startInstances(app: GeneratedApp, count: number, env: Record<string, string>) {
  execFileSync('npm', ['run', 'build'], { cwd: app.dir, stdio: 'pipe' })
  return Promise.all(Array.from({ length: count }, () => startProcess(app.dir, ['node', 'dist/server.js'], env)))
}

describe('several instances under concurrent load, SQLite (two processes, one file, WAL)', () => {
  let app: GeneratedApp
  let instances: RunningApp[] = []

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()))
  })

  it('5,000 creates over both at 32 connections: no error, exactly 5,000 rows; then one of 200 racing creates of one name', async () => {
    app = generateApp('sqliteload')
    instances = await startInstances(app, 2, { DATABASE_URL: `file:${app.dbFile}` })
    const outcomes = await createMany(instances, 5000, 32, (i) => `user-${i}`)
    expect(countBy(outcomes)).toEqual({ 201: 5000 })
    const db = new Database(app.dbFile, { readonly: true })
    expect(db.prepare('select count(*) as n from user').get()).toEqual({ n: 5000 })
    expect(db.prepare('pragma journal_mode').get()).toEqual({ journal_mode: 'wal' })

    const race = await createMany(instances, 200, 200, () => 'the-same-name')
    expect(countBy(race)).toEqual({ 201: 1, 409: 199 })
    expect(db.prepare("select count(*) as n from user where username = 'the-same-name'").get()).toEqual({ n: 1 })
    db.close()
  }, loadTimeout)
})

describe.skipIf(!postgresAvailable)('several instances under concurrent load, PostgreSQL', () => {
  const name = `e2e_load_${randomBytes(4).toString('hex')}`
  const url = Object.assign(new URL(servers.postgresql.url), { pathname: `/${name}` }).toString()
  let instances: RunningApp[] = []

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()))
    await dropPostgresDatabase(name)
  })

  it('5,000 creates over two instances of two processes each (WEB_CONCURRENCY=2) at 32 connections: no error, exactly 5,000 rows; then one of 200 racing creates of one name', async () => {
    const app = generateApp('pgload', ['--yes', '--database', 'postgresql'], { DATABASE_URL: url })
    instances = await startInstances(app, 2, { DATABASE_URL: url, WEB_CONCURRENCY: '2' })
    const outcomes = await createMany(instances, 5000, 32, (i) => `user-${i}`)
    expect(countBy(outcomes)).toEqual({ 201: 5000 })
    const race = await createMany(instances, 200, 200, () => 'the-same-name')
    expect(countBy(race)).toEqual({ 201: 1, 409: 199 })

    const client = new pg.Client({ connectionString: url })
    await client.connect()
    const { rows } = await client.query('select count(*)::int as n, count(distinct username)::int as names from "user"')
    await client.end()
    expect(rows).toEqual([{ n: 5001, names: 5001 }])
  }, loadTimeout)
})

describe('graceful shutdown', () => {
  it('SIGTERM during load: every acknowledged write is stored, and the process exits 0', async () => {
    const app = generateApp('shutdown')
    const [instance] = await startInstances(app, 1, { DATABASE_URL: `file:${app.dbFile}` })
    const load = createMany([instance!], 3000, 16, (i) => `user-${i}`)
    await new Promise((resolve) => setTimeout(resolve, 400))
    const exitCode = await instance!.stop()
    const outcomes = await load
    expect(exitCode).toBe(0)
    const acknowledged = outcomes.filter((outcome) => outcome.status === 201).map((outcome) => outcome.username)
    // The signal came in the middle of the load: some writes were acknowledged, and not all of them.
    expect(acknowledged.length).toBeGreaterThan(0)
    expect(acknowledged.length).toBeLessThan(3000)
    expect(outcomes.every((outcome) => outcome.status === 201 || outcome.status === 0)).toBe(true)
    const db = new Database(app.dbFile, { readonly: true })
    const stored = new Set((db.prepare('select username from user').all() as { username: string }[]).map((row) => row.username))
    db.close()
    expect(acknowledged.filter((username) => !stored.has(username))).toEqual([])
  }, loadTimeout)
})

async function waitFor(condition: () => boolean, what: string) {
  const deadline = Date.now() + 20_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('multi-process mode, WEB_CONCURRENCY=2 on one SQLite file', () => {
  let app: GeneratedApp

  beforeAll(() => {
    app = generateApp('cluster')
    execFileSync('npm', ['run', 'build'], { cwd: app.dir, stdio: 'pipe' })
  })

  it('serves from two workers, replaces a killed one, and on SIGTERM finishes every acknowledged write and exits 0', async () => {
    const server = await startProcess(app.dir, ['node', 'dist/server.js'], { DATABASE_URL: `file:${app.dbFile}`, WEB_CONCURRENCY: '2' })
    await waitFor(() => childPids(server.pid).length === 2, 'two workers')
    const [first, second] = childPids(server.pid)
    expect(server.output()).toMatch(/Listening on http:\/\/127\.0\.0\.1:\d+ \(worker \d+\)/)

    expect(countBy(await createMany([server], 1000, 32, (i) => `before-${i}`))).toEqual({ 201: 1000 })

    process.kill(first!, 'SIGKILL')
    await waitFor(() => childPids(server.pid).length === 2 && !childPids(server.pid).includes(first!), 'a new worker')
    expect(childPids(server.pid)).toContain(second)
    // The new worker can show in /proc before the primary's log line has come through the pipe.
    await waitFor(() => server.output().includes(`Worker ${first} exited (SIGKILL); starting another`), 'the log of the replacement')

    const load = createMany([server], 3000, 16, (i) => `during-${i}`)
    await new Promise((resolve) => setTimeout(resolve, 400))
    const workers = childPids(server.pid)
    const exitCode = await server.stop()
    const outcomes = await load
    expect(exitCode).toBe(0)
    expect(workers.filter(isRunning)).toEqual([])
    const acknowledged = outcomes.filter((outcome) => outcome.status === 201).map((outcome) => outcome.username)
    expect(acknowledged.length).toBeGreaterThan(0)
    expect(outcomes.every((outcome) => outcome.status === 201 || outcome.status === 0)).toBe(true)
    const db = new Database(app.dbFile, { readonly: true })
    const stored = new Set((db.prepare('select username from user').all() as { username: string }[]).map((row) => row.username))
    db.close()
    expect(stored.size).toBe(1000 + acknowledged.length)
    expect(acknowledged.filter((username) => !stored.has(username))).toEqual([])
  }, loadTimeout)

  it('stops with an error, instead of starting workers over and over, when the workers cannot start; refuses a WEB_CONCURRENCY that is not a count', async () => {
    const started = startProcess(app.dir, ['node', 'dist/server.js'], { DATABASE_URL: 'file:/no/such/folder/app.db', WEB_CONCURRENCY: '2' })
    await expect(started).rejects.toThrow(/exited with 1 before answering:[^]*exited \(1\) before it could serve; stopping/)
    const miscounted = startProcess(app.dir, ['node', 'dist/server.js'], { DATABASE_URL: `file:${app.dbFile}`, WEB_CONCURRENCY: 'two' })
    await expect(miscounted).rejects.toThrow(/exited with 1 before answering:[^]*WEB_CONCURRENCY must be a whole number of processes, 1 or more, not "two"/)
  })
})

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
