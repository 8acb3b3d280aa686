// Read replica benchmark (issue 15): read throughput of the generated PostgreSQL quickstart app with 0, 1 and 2
// streaming replicas (DATABASE_REPLICA_URLS), as ratios to 0, in one run. A throw-away primary and two replicas
// (pg_basebackup) on free ports, 100,000 users; the app in its multi-process mode (WEB_CONCURRENCY=2); loopback,
// bounded load (autocannon, 32 connections), the three set-ups interleaved per endpoint. Prints a table; nothing is
// asserted. Run with `npx tsx bench/replicas.ts [--duration 5] [--warmup 1] [--users 100000]`.
import { execFileSync } from 'node:child_process'
import { cpus } from 'node:os'
import pg from 'pg'
import { generateApp } from '../test/support/generated-app.js'
import { clusterUnavailable, createCluster, createReplica, withDatabase, type Cluster } from '../test/support/postgres-cluster.js'
import type { Endpoint } from './http/endpoints.js'
import { connections, loadInTurn, type Measurement } from './http/load.js'
import { option } from './http/options.js'
import { startServer, type Server } from './http/proc.js'

const duration = Number(option('duration', '5'))
const warmup = Number(option('warmup', '1'))
const users = Number(option('users', '100000'))
const log = (line = '') => console.log(line)
const randomInt = (max: number) => 1 + Math.floor(Math.random() * max)

/** Reads only: a replica takes no write. The search reads the whole table, so the database does most of its work. */
const pages = Math.ceil(users / 20)
const endpoints: Endpoint[] = [
  { label: 'GET /api/users?page=P', method: 'GET', status: 200, request: () => ({ path: `/api/users?page=${randomInt(pages)}` }) },
  { label: 'GET /api/users/:id', method: 'GET', status: 200, request: () => ({ path: `/api/users/${randomInt(users)}` }) },
  { label: 'GET /users?page=P (HTML)', method: 'GET', status: 200, request: () => ({ path: `/users?page=${randomInt(pages)}` }) },
  { label: 'GET /api/users?q=… (search)', method: 'GET', status: 200, request: () => ({ path: `/api/users?q=${randomInt(999)}7` }) },
]

async function sql(url: string, text: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text)).rows as Record<string, unknown>[]
  } finally {
    await client.end()
  }
}

const unavailable = clusterUnavailable()
if (unavailable) {
  log(`Read replica benchmark skipped: ${unavailable}`)
  process.exit(0)
}

const clusters: Cluster[] = []
const running: Server[] = []
try {
  log(`Read replica benchmark: ${cpus().length} cores, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`)
  log(`autocannon: ${connections} connections, ${warmup} s warm-up + ${duration} s measured per set-up and endpoint, loopback; ${users.toLocaleString('en')} users\n`)
  const primary = await createCluster()
  clusters.push(primary)
  await sql(primary.url, 'CREATE DATABASE bench')
  const primaryUrl = withDatabase(primary.url, 'bench')
  const app = generateApp('benchreplicas', ['--yes', '--database', 'postgresql'], { DATABASE_URL: primaryUrl })
  execFileSync('npm', ['run', 'build'], { cwd: app.dir, stdio: 'pipe' })
  await sql(primaryUrl, `INSERT INTO "user" (username, email) SELECT 'user-' || i, 'user-' || i || '@example.com' FROM generate_series(1, ${users}) AS i`)
  await sql(primaryUrl, 'VACUUM ANALYZE "user"')
  // The replicas copy the primary as it is now, rows included.
  const replicas = [await createReplica(primary), await createReplica(primary)]
  clusters.push(...replicas)
  const replicaUrls = replicas.map((replica) => withDatabase(replica.url, 'bench'))

  const setups = [0, 1, 2].map((count) => ({ count, env: { DATABASE_URL: primaryUrl, DATABASE_REPLICA_URLS: replicaUrls.slice(0, count).join(','), WEB_CONCURRENCY: '2' } }))
  const servers: Server[] = []
  for (const setup of setups) {
    const server = await startServer(`${setup.count} replicas`, app.dir, 'dist/server.js', '', '/api/users?page=1', setup.env)
    running.push(server)
    servers.push(server)
  }

  const rows: { label: string; results: Measurement[] }[] = []
  for (const [index, endpoint] of endpoints.entries()) {
    const results = await loadInTurn(servers, endpoint, index, warmup, duration)
    log(`  ${endpoint.label}: ${results.map((m, count) => `${count} replicas ${Math.round(m.rps)}`).join(', ')} req/s`)
    rows.push({ label: endpoint.label, results })
  }

  const fixed = (value: number, digits = 0) => value.toFixed(digits)
  log('\n## Read throughput with 0, 1 and 2 replicas\n')
  log('req/s: mean over the measured seconds; 1/0 and 2/0: ratios of req/s to no replica (above 1: faster).')
  log(`others: the most cores that other processes kept busy during one of the row's measurements; here that includes the PostgreSQL servers, which do part of the work.\n`)
  log('| endpoint | 0 replicas req/s | 1 replica req/s | 2 replicas req/s | 1/0 | 2/0 | p99 ms (0 / 1 / 2) | others |')
  log('|---|--:|--:|--:|--:|--:|--:|--:|')
  for (const { label, results } of rows) {
    const [none, one, two] = results as [Measurement, Measurement, Measurement]
    const others = Math.max(...results.map((m) => m.others))
    log(`| ${label} | ${fixed(none.rps)} | ${fixed(one.rps)} | ${fixed(two.rps)} | ${fixed(one.rps / none.rps, 2)} | ${fixed(two.rps / none.rps, 2)} | ${results.map((m) => fixed(m.p99)).join(' / ')} | ${fixed(others, 2)} |`)
  }
  const odd = rows.flatMap(({ label, results }) => results.flatMap((m, count) => (m.unexpected > 0 ? [`(${count} replicas) ${label}: ${m.unexpected} of ${m.requests}`] : [])))
  if (odd.length > 0) log(`\nAnswers with an unexpected status, socket errors or timeouts: ${odd.join('; ')}`)
  log(`\nEvery server, the app's two processes and the load generator share this machine's ${cpus().length} cores: a replica here adds no CPU, only another server to spread the same work over.`)
} finally {
  await Promise.all(running.map((server) => server.stop()))
  for (const cluster of clusters.reverse()) cluster.remove()
}
