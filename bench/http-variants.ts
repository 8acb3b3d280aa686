// Tries candidate template changes on copies of the generated quickstart app (never on templates/):
// each variant is built and served beside the unchanged app, and loaded like bench/http.ts does, apps
// interleaved per endpoint. Prints req/s and the ratio to the unchanged app; nothing is asserted.
// Run with `npx tsx bench/http-variants.ts [--duration 5] [--warmup 1] [--size 100000] [--only a,b]`.
import { execFileSync } from 'node:child_process'
import { copyFileSync, cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { generateApp } from '../test/support/generated-app.js'
import { endpoints } from './http/endpoints.js'
import { connections, load, loadOnce, quietEnough, type Measurement } from './http/load.js'
import { option } from './http/options.js'
import { startServer, type Server } from './http/proc.js'
import { seedUsers } from './http/seed.js'
import { variants, type Variant } from './http/variants.js'

const duration = Number(option('duration', '5'))
const warmup = Number(option('warmup', '1'))
const size = Number(option('size', '100000'))
const only = option('only', '').split(',').filter(Boolean)
const chosen = variants.filter((variant) => variant.name === 'baseline' || only.length === 0 || only.includes(variant.name))
const log = (line = '') => console.log(line)

/** A copy of the generated app with the variant's edits, built with `npm run build`. */
function buildVariant(appDir: string, modules: string, scratch: string, variant: Variant): string {
  const dir = join(scratch, variant.name)
  const skip = new Set(['node_modules', 'dist', 'dev.db'])
  cpSync(appDir, dir, { recursive: true, filter: (source) => source === appDir || !skip.has(basename(source)) })
  symlinkSync(modules, join(dir, 'node_modules'))
  for (const { file, from, to } of variant.edits) {
    const text = readFileSync(join(dir, file), 'utf8')
    if (!text.includes(from)) throw new Error(`${variant.name}: ${file} no longer contains ${JSON.stringify(from.slice(0, 60))}; update bench/http/variants.ts`)
    writeFileSync(join(dir, file), text.replace(from, to))
  }
  try {
    execFileSync('npm', ['run', 'build'], { cwd: dir, stdio: 'pipe', timeout: 300_000, encoding: 'utf8' })
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`${variant.name}: npm run build failed:\n${stdout}\n${stderr}`)
  }
  return dir
}

const started = performance.now()
const scratch = mkdtempSync(join(tmpdir(), 'dbapp-bench-variants-'))
const running: Server[] = []
try {
  log(`Variants of the generated app: ${cpus().length} cores, node ${process.version}, N = ${size.toLocaleString('en')} users`)
  log(`autocannon: ${connections} connections, ${warmup} s warm-up + ${duration} s measured per variant and endpoint\n`)
  const app = generateApp('bench', ['--yes'])
  const modules = realpathSync(join(app.dir, 'node_modules'))
  const seedFile = join(scratch, 'seed.db')
  seedUsers(app.dbFile, seedFile, size)
  const servers = new Map<Variant, Server>()
  for (const variant of chosen) {
    const dir = buildVariant(app.dir, modules, scratch, variant)
    copyFileSync(seedFile, join(scratch, `${variant.name}.db`))
    const server = await startServer(variant.name, dir, 'dist/server.js', join(scratch, `${variant.name}.db`), '/api/users?page=1')
    running.push(server)
    servers.set(variant, server)
    log(`  ${variant.name}: built and answering (${Math.round(server.startupMs)} ms from spawn)`)
  }

  const list = endpoints(size).filter((endpoint) => endpoint.label !== 'GET /user/999999999 (404)')
  const results = new Map<string, Map<Variant, Measurement>>()
  for (const endpoint of list) {
    const row = new Map<Variant, Measurement>()
    for (const [variant, server] of servers) {
      if (warmup > 0) await loadOnce(server.url, endpoint, warmup, server.pid)
      row.set(variant, await load(server.url, endpoint, duration, server.pid))
    }
    results.set(endpoint.label, row)
    log(`  ${endpoint.label}: ${[...row].map(([variant, m]) => `${variant.name} ${Math.round(m.rps)}`).join(', ')} req/s`)
  }

  log('\n| variant | ' + list.map((endpoint) => endpoint.label).join(' | ') + ' | peak RSS MiB |')
  log('|---|' + list.map(() => '--:').join('|') + '|--:|')
  for (const [variant, server] of servers) {
    const cells = list.map((endpoint) => {
      const row = results.get(endpoint.label)
      const m = row?.get(variant)
      const base = row?.get(chosen[0] as Variant)
      if (!m || !base) return '–'
      const odd = (m.unexpected > 0 ? ` (${m.unexpected} unexpected)` : '') + (m.others > quietEnough ? ` [others ${m.others.toFixed(2)}]` : '')
      return variant === chosen[0] ? `${Math.round(m.rps)}${odd}` : `${Math.round(m.rps)} (×${(m.rps / base.rps).toFixed(2)})${odd}`
    })
    log(`| ${variant.name} | ${cells.join(' | ')} | ${server.peakRssMiB().toFixed(0)} |`)
  }
  log('')
  for (const variant of chosen) log(`- ${variant.name}: ${variant.description}`)
  log(`\nTotal time: ${((performance.now() - started) / 1000).toFixed(1)} s`)
} finally {
  await Promise.all(running.map((server) => server.stop()))
  rmSync(scratch, { recursive: true, force: true })
}
