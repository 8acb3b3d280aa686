// Runtime benchmark (issue 16): the generated quickstart app built for Node and for Bun (`--runtime bun`), the same
// endpoints on the same SQLite data (10,000 users), each served from its build (`node dist/server.js`,
// `bun dist/server.js`), one process each, as ratios to Node in one run. Loopback, bounded load (autocannon,
// 32 connections), the runtimes interleaved per endpoint. Prints a table; nothing is asserted.
// Run with `npx tsx bench/runtimes.ts [--duration 5] [--warmup 1] [--users 10000]`.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateApp } from '../test/support/generated-app.js'
import { repoRoot } from '../test/support/paths.js'
import { endpoints } from './http/endpoints.js'
import { connections, loadInTurn, type Measurement } from './http/load.js'
import { option } from './http/options.js'
import { startServer, type Server } from './http/proc.js'
import { seedUsers } from './http/seed.js'

const duration = Number(option('duration', '5'))
const warmup = Number(option('warmup', '1'))
const users = Number(option('users', '10000'))
const log = (line = '') => console.log(line)
const bunBin = join(repoRoot, '.tools/bun/node_modules/.bin')

if (!existsSync(join(bunBin, 'bun'))) {
  log(`Runtime benchmark skipped: no Bun at ${bunBin} (run scripts/ensure-bun.sh)`)
  process.exit(0)
}

const scratch = mkdtempSync(join(tmpdir(), 'dbapp-bench-runtimes-'))
const running: Server[] = []
try {
  log(`Runtime benchmark: ${cpus().length} cores, node ${process.version}, bun ${execFileSync(join(bunBin, 'bun'), ['--version'], { encoding: 'utf8' }).trim()}, ${new Date().toISOString().slice(0, 10)}`)
  log(`autocannon: ${connections} connections, ${warmup} s warm-up + ${duration} s measured per runtime and endpoint, loopback; ${users.toLocaleString('en')} users\n`)
  const withBun = { PATH: `${bunBin}:${process.env.PATH}` }
  const node = generateApp('benchnode', ['--yes'], withBun)
  const bun = generateApp('benchbun', ['--yes', '--runtime', 'bun'], withBun)
  const setups = [
    { name: 'Node', app: node, runtime: process.execPath },
    { name: 'Bun', app: bun, runtime: join(bunBin, 'bun') },
  ]
  const servers: Server[] = []
  for (const { name, app, runtime } of setups) {
    execFileSync('npm', ['run', 'build'], { cwd: app.dir, stdio: 'pipe', env: { ...process.env, ...withBun } })
    const dbFile = join(scratch, `${name}.db`)
    seedUsers(node.dbFile, dbFile, users)
    const server = await startServer(name, app.dir, 'dist/server.js', dbFile, '/api/users?page=1', {}, runtime)
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
  log('\n## The same endpoints on Node and Bun\n')
  log('req/s: mean over the measured seconds; Bun/Node: ratio of req/s (above 1: Bun is faster). Local workerd is not in the table yet: Workers apps are not generated.')
  log(`others: the most cores that other processes on the machine kept busy during one of the row's measurements.\n`)
  log('| endpoint | Node req/s | Bun req/s | Bun/Node | p99 ms (Node / Bun) | others |')
  log('|---|--:|--:|--:|--:|--:|')
  for (const { label, results } of rows) {
    const [onNode, onBun] = results as [Measurement, Measurement]
    log(`| ${label} | ${fixed(onNode.rps)} | ${fixed(onBun.rps)} | ${fixed(onBun.rps / onNode.rps, 2)} | ${fixed(onNode.p99)} / ${fixed(onBun.p99)} | ${fixed(Math.max(onNode.others, onBun.others), 2)} |`)
  }
  const odd = rows.flatMap(({ label, results }) => results.flatMap((m, i) => (m.unexpected > 0 ? [`(${setups[i]!.name}) ${label}: ${m.unexpected} of ${m.requests}`] : [])))
  if (odd.length > 0) log(`\nAnswers with an unexpected status, socket errors or timeouts: ${odd.join('; ')}`)
  log(`\nPeak memory: ${servers.map((server) => `${server.name} ${Math.round(server.peakRssMiB())} MiB`).join(', ')}`)
} finally {
  await Promise.all(running.map((server) => server.stop()))
  rmSync(scratch, { recursive: true, force: true })
}
