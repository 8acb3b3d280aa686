#!/usr/bin/env node
// Benchmark of the offline schema engine (prisma/schema-engine): wall time and peak memory of
// `prisma db push` and `prisma migrate dev` for a 1-model and a 20-model schema, on SQLite and, when
// reachable, PostgreSQL. Usage: node bench/engine.mjs [--runs 3]
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const repo = dirname(dirname(fileURLToPath(import.meta.url)))
const prismaBin = join(repo, 'node_modules/.bin/prisma')
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3
const postgresServer = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

/** A schema with `count` models, each with a few columns, a unique field and a relation to the previous one. */
function schema(provider, count) {
  const models = Array.from({ length: count }, (_, i) => {
    const previous = i > 0 ? `\n  parentId  Int?\n  parent    Model${i - 1}? @relation(fields: [parentId], references: [id])` : ''
    const next = i < count - 1 ? `\n  children  Model${i + 1}[]` : ''
    return `model Model${i} {\n  id        Int      @id @default(autoincrement())\n  name      String\n  email     String   @unique\n  createdAt DateTime @default(now())${previous}${next}\n}`
  })
  return `datasource db {\n  provider = "${provider}"\n}\n\n${models.join('\n\n')}\n`
}

function createApp(provider, count) {
  const dir = join(repo, '.tmp', `engine-bench-${randomBytes(4).toString('hex')}`)
  mkdirSync(join(dir, 'prisma'), { recursive: true })
  cpSync(join(repo, 'prisma/schema-engine'), join(dir, 'prisma/schema-engine'), { recursive: true })
  writeFileSync(
    join(dir, 'prisma.config.ts'),
    `import { fileURLToPath } from 'node:url'
import { defineConfig, env } from 'prisma/config'
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL('./prisma/schema-engine/main.mjs', import.meta.url))
export default defineConfig({ schema: 'prisma/schema.prisma', migrations: { path: 'prisma/migrations' }, datasource: { url: env('DATABASE_URL') } })
`,
  )
  writeFileSync(join(dir, 'prisma/schema.prisma'), schema(provider, count))
  return dir
}

/** Resident memory (kB) of every process in the tree under `root`, read from /proc. */
function treeMemory(root) {
  const parents = new Map()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {} // the process ended meanwhile
  }
  const tree = new Set([root])
  for (let grown = true; grown; ) {
    grown = false
    for (const [pid, ppid] of parents) if (tree.has(ppid) && !tree.has(pid)) tree.add(pid), (grown = true)
  }
  let total = 0
  let engine = 0
  for (const pid of tree) {
    try {
      const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
      total += rss
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('schema-engine/main.mjs')) engine = Math.max(engine, rss)
    } catch {}
  }
  return { total, engine }
}

/** Runs the Prisma CLI, sampling the memory of its process tree every 20 ms. */
function measure(dir, args, url) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(prismaBin, args, {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const peak = { total: 0, engine: 0 }
    const timer = setInterval(() => {
      const now = treeMemory(child.pid)
      peak.total = Math.max(peak.total, now.total)
      peak.engine = Math.max(peak.engine, now.engine)
    }, 20)
    child.on('exit', (code) => {
      clearInterval(timer)
      if (code !== 0) reject(new Error(`prisma ${args.join(' ')} failed:\n${stderr}`))
      else resolve({ ms: performance.now() - started, ...peak })
    })
  })
}

async function postgresReachable() {
  const { hostname, port } = new URL(postgresServer)
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 5432) })
    socket.setTimeout(1500, () => (socket.destroy(), resolve(false)))
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}

/** A fresh database URL for one run, and a cleanup for it. */
function freshDatabase(provider, dir) {
  if (provider === 'sqlite') return { url: `file:./bench-${randomBytes(3).toString('hex')}.db`, drop: async () => {} }
  const name = `engine_bench_${randomBytes(4).toString('hex')}`
  const url = new URL(postgresServer)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: postgresServer })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await client.end()
    },
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`

const providers = ['sqlite', ...((await postgresReachable()) ? ['postgresql'] : [])]
if (providers.length === 1) console.log(`PostgreSQL not reachable at ${postgresServer}: SQLite only.`)
console.log(`Median of ${runs} runs; peak RSS sampled every 20 ms (engine process, and the whole command).\n`)
const widths = [12, 8, 22, 10, 12, 12]
const line = (cells) => console.log(cells.map((cell, i) => cell.padEnd(widths[i])).join(''))
line(['database', 'models', 'command', 'wall', 'engine RSS', 'command RSS'])

for (const provider of providers) {
  for (const count of [1, 20]) {
    for (const command of [['db', 'push'], ['migrate', 'dev', '--name', 'init']]) {
      const results = []
      for (let i = 0; i < runs; i++) {
        const dir = createApp(provider, count)
        const db = freshDatabase(provider, dir)
        try {
          results.push(await measure(dir, command, db.url))
        } finally {
          await db.drop()
          rmSync(dir, { recursive: true, force: true })
        }
      }
      const row = [
        provider,
        String(count),
        `prisma ${command.slice(0, 2).join(' ')}`,
        `${(median(results.map((r) => r.ms)) / 1000).toFixed(2)} s`,
        mb(median(results.map((r) => r.engine))),
        mb(median(results.map((r) => r.total))),
      ]
      line(row)
    }
  }
}
