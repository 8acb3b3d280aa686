import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import pg from 'pg'

export const repoRoot = resolve(import.meta.dirname, '../..')
export const engineDir = join(repoRoot, 'prisma/schema-engine')
const prismaBin = join(repoRoot, 'node_modules/.bin/prisma')

/** Imports one of the engine's modules (plain JavaScript, so imported by path and typed loosely). */
export function engineModule(name: string): Promise<any> {
  return import(join(engineDir, name))
}

/** prisma.config.ts as a generated app has it, minus `dotenv` (tests pass DATABASE_URL in the environment). */
const config = (shadowDatabaseUrl?: string) => `import { fileURLToPath } from 'node:url'
import { defineConfig, env } from 'prisma/config'
// Prisma's CLI downloads a native schema engine; this runs the same engine as WebAssembly, offline.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL('./prisma/schema-engine/main.mjs', import.meta.url))
export default defineConfig({ schema: 'prisma/schema.prisma', migrations: { path: 'prisma/migrations' }, datasource: { url: env('DATABASE_URL')${shadowDatabaseUrl ? `, shadowDatabaseUrl: ${JSON.stringify(shadowDatabaseUrl)}` : ''} } })
`

export type Provider = 'sqlite' | 'postgresql' | 'mysql'

export interface PrismaRun {
  code: number
  stdout: string
  stderr: string
  output: string
  ms: number
}

export interface App {
  dir: string
  url: string
  /** Replaces the models of prisma/schema.prisma. */
  setModels(models: string): void
  /** Runs the real Prisma CLI in the app folder. `consent` lets reset/force/accept-data-loss run under an AI agent. */
  prisma(args: string[], options?: { consent?: boolean; env?: Record<string, string> }): Promise<PrismaRun>
  migrations(): string[]
  remove(): void
}

/**
 * A minimal app under /work/main/.tmp (so `prisma/config` and the engine's dependencies resolve from the repo's
 * node_modules), with the engine copied to prisma/schema-engine/ exactly as the generator does.
 */
export function createApp(provider: Provider, url: string, models: string, { shadowDatabaseUrl }: { shadowDatabaseUrl?: string } = {}): App {
  const dir = join(repoRoot, '.tmp', `engine-${provider}-${randomBytes(4).toString('hex')}`)
  mkdirSync(join(dir, 'prisma'), { recursive: true })
  cpSync(engineDir, join(dir, 'prisma/schema-engine'), { recursive: true })
  writeFileSync(join(dir, 'prisma.config.ts'), config(shadowDatabaseUrl))
  const setModels = (body: string) =>
    writeFileSync(
      join(dir, 'prisma/schema.prisma'),
      `generator client {\n  provider = "prisma-client"\n  output   = "../src/generated/prisma"\n}\n\ndatasource db {\n  provider = "${provider}"\n}\n\n${body}\n`,
    )
  setModels(models)
  return {
    dir,
    url,
    setModels,
    prisma: (args, { consent = false, env = {} } = {}) => runPrisma(dir, args, { DATABASE_URL: url, ...(consent ? { PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION: 'tests on a throw-away database' } : {}), ...env }),
    migrations: () => {
      try {
        return readdirSync(join(dir, 'prisma/migrations')).filter((name) => name !== 'migration_lock.toml').sort()
      } catch {
        return []
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

function runPrisma(cwd: string, args: string[], env: Record<string, string>): Promise<PrismaRun> {
  const started = Date.now()
  return new Promise((done) => {
    execFile(
      prismaBin,
      args,
      {
        cwd,
        env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1', ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        done({ code, stdout, stderr, output: stdout + stderr, ms: Date.now() - started })
      },
    )
  })
}

/** A uniquely named database on the PostgreSQL test server, and a way to query it and to drop it. */
export function postgresDatabase(serverUrl: string) {
  const name = `engine_test_${randomBytes(4).toString('hex')}`
  const urlOf = (database: string) => {
    const url = new URL(serverUrl)
    url.pathname = `/${database}`
    return url.toString()
  }
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>, database = 'postgres') => {
    const client = new pg.Client({ connectionString: urlOf(database) })
    await client.connect()
    try {
      return await fn(client)
    } finally {
      await client.end()
    }
  }
  return {
    name,
    url: urlOf(name),
    query: async (sql: string) => admin(async (c) => (await c.query(sql)).rows, name),
    exists: async () => admin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1),
    shadowDatabases: async () =>
      admin(async (c) => (await c.query("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'")).rows.map((r) => r.datname as string)),
    create: async () => admin((c) => c.query(`CREATE DATABASE "${name}"`)),
    drop: async () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  }
}

/** The models most engine tests push: a user with posts (a cascade), and the same with one more table. */
export const userAndPost = `model User {
  id    Int     @id @default(autoincrement())
  email String  @unique
  name  String?
  posts Post[]
}

model Post {
  id       Int    @id @default(autoincrement())
  title    String
  authorId Int
  author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)
}`

export const withTag = `${userAndPost}

model Tag {
  id    Int    @id @default(autoincrement())
  label String
}`
