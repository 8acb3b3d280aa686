// HTTP benchmark (issue 8): the generated quickstart app (a, and a2 with two processes) against the same routes written the obvious
// way with Prisma (b) and with better-sqlite3 prepared statements (c), on SQLite files of 1,000 and
// 100,000 users. Loopback only, bounded load (autocannon, 32 connections), apps interleaved per endpoint.
// Prints tables; nothing is asserted. Run with `npx tsx bench/http.ts [--duration 6] [--warmup 2] [--sizes 1000,100000]`.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { prepareApps } from './http/apps.js'
import { endpoints } from './http/endpoints.js'
import { connections, load, loadOnce, quietEnough } from './http/load.js'
import { option } from './http/options.js'
import { preflight } from './http/preflight.js'
import { startServer, type Server } from './http/proc.js'
import { goalsTable, loadTable, processTable, type Row } from './http/report.js'
import { seedUsers } from './http/seed.js'

const duration = Number(option('duration', '6'))
const warmup = Number(option('warmup', '2'))
const sizes = option('sizes', '1000,100000').split(',').map(Number)
const log = (line = '') => console.log(line)
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

const started = performance.now()
const running: Server[] = []
const scratch = mkdtempSync(join(tmpdir(), 'dbapp-bench-http-'))
process.once('SIGINT', () => void Promise.all(running.map((server) => server.stop())).then(() => process.exit(130)))

try {
  log(`HTTP benchmark: ${cpus().length} cores, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`)
  log(`autocannon: ${connections} connections, ${warmup} s warm-up + ${duration} s measured per app and endpoint, loopback\n`)
  log('Preparing the apps')
  const { apps, emptyDb } = prepareApps(log)
  const processRows: Parameters<typeof processTable>[0] = []
  const sections: string[] = []
  const rowsBySize = new Map<number, Row[]>()

  for (const size of sizes) {
    log(`\nN = ${size.toLocaleString('en')} users`)
    const seedFile = join(scratch, `seed-${size}.db`)
    log(`  seeded in ${seconds(seedUsers(emptyDb, seedFile, size))} (one transaction of prepared inserts)`)
    const servers: Record<string, Server> = {}
    for (const app of apps) {
      const dbFile = join(scratch, `${size}-${app.key}.db`)
      copyFileSync(seedFile, dbFile)
      const server = await startServer(app.name, app.dir, app.script, dbFile, '/api/users?page=1', app.env)
      running.push(server)
      servers[app.key] = server
      log(`  (${app.key}) ${app.name} answered ${Math.round(server.startupMs)} ms after spawn`)
    }
    const urls = Object.fromEntries(Object.entries(servers).map(([key, server]) => [key, server.url]))
    const list = endpoints(size)
    const check = await preflight(urls, list)
    if (check.mismatches.length > 0) log(`  WARNING, the apps differ:\n    ${check.mismatches.join('\n    ')}`)

    const rows: Row[] = []
    for (const [index, endpoint] of list.entries()) {
      const row: Row = { label: endpoint.label, results: {} }
      // Each endpoint starts with the next app, and the disk is flushed before each measurement, so that no app
      // always comes first (or always right after another app's writes).
      for (const app of [...apps.slice(index % apps.length), ...apps.slice(0, index % apps.length)]) {
        const server = servers[app.key]
        if (!server) continue
        execFileSync('sync')
        if (warmup > 0) await loadOnce(server.url, endpoint, warmup, server.pid)
        row.results[app.key] = await load(server.url, endpoint, duration, server.pid)
      }
      log(`  ${endpoint.label}: ${apps.map((app) => `(${app.key}) ${Math.round(row.results[app.key]?.rps ?? 0)}`).join(', ')} req/s`)
      rows.push(row)
    }
    for (const app of apps) {
      const server = servers[app.key]
      if (!server) continue
      processRows.push({ size, key: app.key, name: app.name, startupMs: server.startupMs, peakRssMiB: server.peakRssMiB() })
      await server.stop()
      running.splice(running.indexOf(server), 1)
    }
    rowsBySize.set(size, rows)
    sections.push(`### N = ${size.toLocaleString('en')} users\n\n${loadTable(rows)}\n\nOne request of each, before the load:\n\n${check.lines.join('\n')}`)
  }

  log('\n## Results\n')
  log('(a) generated quickstart app, (a2) the same with WEB_CONCURRENCY=2, (b) Prisma the obvious way, (c) better-sqlite3 prepared statements.')
  log('req/s: mean over the measured seconds; a/b, a/c, a2/c: ratios of req/s (below 1: the first is slower);')
  log(`others: the most cores that other processes on the machine kept busy during one of the row's measurements (each measured again, once, above ${quietEnough}).\n`)
  for (const section of sections) log(`${section}\n`)
  log('### The goals of issue 8\n')
  log(goalsTable(rowsBySize))
  log('\n### Processes\n')
  log(processTable(processRows))
  log(`\nTotal time: ${seconds(performance.now() - started)}`)
} finally {
  await Promise.all(running.map((server) => server.stop()))
  rmSync(scratch, { recursive: true, force: true })
}
