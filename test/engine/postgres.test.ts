import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serverAvailable, servers } from '../support/servers.js'
import { type App, createApp, postgresDatabase, userAndPost, withTag } from './fixture.js'

const available = await serverAvailable('postgresql')

type Db = ReturnType<typeof postgresDatabase>
const tables = async (db: Db, schema = 'public') =>
  (await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}' ORDER BY table_name`)).map((r) => r.table_name)
const uniqueIndexes = async (db: Db) =>
  (await db.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE 'CREATE UNIQUE%' AND indexname NOT LIKE '%_pkey' ORDER BY indexname")).map((r) => r.indexname)
const columns = async (db: Db, table: string) =>
  (await db.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${table}' ORDER BY ordinal_position`)).map((r) => r.column_name)
const count = async (db: Db, table: string) => Number((await db.query(`SELECT count(*) AS n FROM "${table}"`))[0].n)

describe.skipIf(!available)('offline schema engine on PostgreSQL', () => {
  const server = servers.postgresql.url
  const pushDb = postgresDatabase(server)
  const migrateDb = postgresDatabase(server)
  const deployDb = postgresDatabase(server)
  const schemaDb = postgresDatabase(server)
  let app: App
  beforeAll(() => {
    app = createApp('postgresql', pushDb.url, userAndPost)
  })
  afterAll(async () => {
    app?.remove()
    for (const db of [pushDb, migrateDb, deployDb, schemaDb]) await db.drop()
  })

  describe('db push', () => {
    it('creates the missing database, the tables and the unique index', async () => {
      const run = await app.prisma(['db', 'push'])
      expect(run.code, run.output).toBe(0)
      expect(run.output).toContain(`PostgreSQL database ${pushDb.name} created`)
      expect(await tables(pushDb)).toEqual(['Post', 'User'])
      expect(await uniqueIndexes(pushDb)).toEqual(['User_email_key'])
      await pushDb.query(`INSERT INTO "User" (email, name) VALUES ('ada@example.com', 'Ada'), ('bob@example.com', 'Ada');
        INSERT INTO "Post" (title, "authorId") VALUES ('Hello', 1), ('Again', 2)`)
    })

    it('refuses a push that loses data, and changes nothing', async () => {
      app.setModels(withTag.replace('  name  String?\n', ''))
      const run = await app.prisma(['db', 'push'])
      expect(run.code).not.toBe(0)
      expect(run.output).toContain('You are about to drop the column `name` on the `User` table, which still contains 2 non-null values')
      expect(run.output).toContain('--accept-data-loss')
      expect(await tables(pushDb)).toEqual(['Post', 'User'])
      expect(await columns(pushDb, 'User')).toEqual(['id', 'email', 'name'])
    })

    it('rolls back a push that fails halfway, even with --accept-data-loss', async () => {
      app.setModels(withTag.replace('name  String?', 'name  String? @unique'))
      const run = await app.prisma(['db', 'push', '--accept-data-loss'], { consent: true })
      expect(run.code).not.toBe(0)
      expect(run.output).toMatch(/Unique constraint failed|could not create unique index/)
      expect(run.output).not.toMatch(/\n\s+at .*\.m?js:\d+/)
      expect(await tables(pushDb)).toEqual(['Post', 'User'])
      expect(await uniqueIndexes(pushDb)).toEqual(['User_email_key'])
      expect(await count(pushDb, 'Post')).toBe(2)
    })

    it('applies a data-losing push with --accept-data-loss, keeping the other rows', async () => {
      app.setModels(withTag.replace('  name  String?\n', ''))
      const run = await app.prisma(['db', 'push', '--accept-data-loss'], { consent: true })
      expect(run.code, run.output).toBe(0)
      expect(await tables(pushDb)).toEqual(['Post', 'Tag', 'User'])
      expect(await columns(pushDb, 'User')).toEqual(['id', 'email'])
      expect(await count(pushDb, 'Post')).toBe(2)
    })

    it('--force-reset empties the database, then pushes the schema', async () => {
      const run = await app.prisma(['db', 'push', '--force-reset'], { consent: true })
      expect(run.code, run.output).toBe(0)
      expect(await tables(pushDb)).toEqual(['Post', 'Tag', 'User'])
      expect(await count(pushDb, 'Post')).toBe(0)
    })

    it('db pull --print reads the tables back as models', async () => {
      const run = await app.prisma(['db', 'pull', '--print'])
      expect(run.code, run.output).toBe(0)
      expect(run.stdout).toMatch(/model Tag \{\s+id\s+Int\s+@id @default\(autoincrement\(\)\)\s+label\s+String\s+\}/)
      expect(run.stdout).toMatch(/email\s+String\s+@unique/)
    })

    it('db execute runs a whole script (semicolons in strings and $$ bodies), and a failing one changes nothing', async () => {
      writeFileSync(join(app.dir, 'ok.sql'), `INSERT INTO "Tag" (label) VALUES ('a; b');
DO $$ BEGIN INSERT INTO "Tag" (label) VALUES ('c'); END $$;
`)
      const ok = await app.prisma(['db', 'execute', '--file', 'ok.sql'])
      expect(ok.code, ok.output).toBe(0)
      writeFileSync(join(app.dir, 'bad.sql'), `INSERT INTO "Tag" (label) VALUES ('d');\nINSERT INTO "Missing" VALUES (1);\n`)
      const bad = await app.prisma(['db', 'execute', '--file', 'bad.sql'])
      expect(bad.code).not.toBe(0)
      expect(bad.output).toContain('Missing')
      expect((await pushDb.query('SELECT label FROM "Tag" ORDER BY id')).map((r) => r.label)).toEqual(['a; b', 'c'])
    })

    it('honours ?schema= in the URL', async () => {
      const run = await app.prisma(['db', 'push'], { env: { DATABASE_URL: `${schemaDb.url}?schema=inventory` } })
      expect(run.code, run.output).toBe(0)
      expect(await tables(schemaDb, 'inventory')).toEqual(['Post', 'Tag', 'User'])
      expect(await tables(schemaDb, 'public')).toEqual([])
    })
  })

  describe('migrate', () => {
    it('migrate dev twice makes two migrations, applies them, and cleans up its shadow databases', async () => {
      const env = { DATABASE_URL: migrateDb.url }
      app.setModels(userAndPost)
      const first = await app.prisma(['migrate', 'dev', '--name', 'init'], { env })
      expect(first.code, first.output).toBe(0)
      app.setModels(withTag)
      const second = await app.prisma(['migrate', 'dev', '--name', 'add_tag'], { env })
      expect(second.code, second.output).toBe(0)

      const names = app.migrations()
      expect(names).toEqual([expect.stringMatching(/^\d{14}_init$/), expect.stringMatching(/^\d{14}_add_tag$/)])
      expect(readFileSync(join(app.dir, 'prisma/migrations/migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"')
      expect(readFileSync(join(app.dir, 'prisma/migrations', names[1]!, 'migration.sql'), 'utf8')).toContain('CREATE TABLE "Tag"')
      expect(await tables(migrateDb)).toEqual(['Post', 'Tag', 'User', '_prisma_migrations'])
      const applied = await migrateDb.query('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY started_at')
      expect(applied.map((r) => r.migration_name)).toEqual(names)
      expect(await migrateDb.shadowDatabases()).toEqual([])
    })

    it('migrate status and deploy on a fresh database', async () => {
      const env = { DATABASE_URL: deployDb.url }
      const deploy = await app.prisma(['migrate', 'deploy'], { env })
      expect(deploy.code, deploy.output).toBe(0)
      expect(deploy.output).toContain('All migrations have been successfully applied')
      expect(await tables(deployDb)).toEqual(['Post', 'Tag', 'User', '_prisma_migrations'])
      expect(Number((await deployDb.query('SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL'))[0].n)).toBe(2)
      const status = await app.prisma(['migrate', 'status'], { env })
      expect(status.code, status.output).toBe(0)
      expect(status.output).toContain('Database schema is up to date')
    })

    it('a failing migration is rolled back and recorded as failed', async () => {
      const dir = join(app.dir, 'prisma/migrations/29990101000000_broken')
      mkdirSync(dir)
      writeFileSync(join(dir, 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER PRIMARY KEY);\nINSERT INTO "Nowhere" VALUES (1);\n')
      try {
        const run = await app.prisma(['migrate', 'deploy'], { env: { DATABASE_URL: deployDb.url } })
        expect(run.code).not.toBe(0)
        expect(run.output).toContain('P3018')
        expect(run.output).toContain('Migration name: 29990101000000_broken')
        expect(await tables(deployDb)).not.toContain('Half')
        const row = await deployDb.query("SELECT finished_at FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'")
        expect(row).toEqual([{ finished_at: null }])
      } finally {
        rmSync(dir, { recursive: true })
      }
    })

    it('migrate dev refuses to continue when the database drifted, and changes nothing', async () => {
      await migrateDb.query('CREATE TABLE "Surprise" (id integer PRIMARY KEY)')
      const run = await app.prisma(['migrate', 'dev', '--name', 'never'], { env: { DATABASE_URL: migrateDb.url } })
      expect(run.code).not.toBe(0)
      expect(run.output).toContain('Drift detected')
      expect(run.output).toContain('Surprise')
      expect(app.migrations()).toHaveLength(2)
      expect(await tables(migrateDb)).toContain('Surprise')
      expect(await migrateDb.shadowDatabases()).toEqual([])
    })

    it('migrate reset --force empties the database and replays the migrations', async () => {
      await migrateDb.query(`INSERT INTO "User" (email) VALUES ('x@example.com')`)
      const run = await app.prisma(['migrate', 'reset', '--force'], { consent: true, env: { DATABASE_URL: migrateDb.url } })
      expect(run.code, run.output).toBe(0)
      expect(await tables(migrateDb)).toEqual(['Post', 'Tag', 'User', '_prisma_migrations'])
      expect(await count(migrateDb, 'User')).toBe(0)
      expect(await count(migrateDb, '_prisma_migrations')).toBe(2)
    })

    it('a configured shadowDatabaseUrl is emptied before use, not reported as drift', async () => {
      const main = postgresDatabase(server)
      const shadow = postgresDatabase(server)
      await shadow.create()
      await shadow.query('CREATE TABLE leftover (id integer)')
      const shadowApp = createApp('postgresql', main.url, userAndPost, { shadowDatabaseUrl: shadow.url })
      try {
        const run = await shadowApp.prisma(['migrate', 'dev', '--name', 'init'])
        expect(run.code, run.output).toBe(0)
        expect(shadowApp.migrations()).toEqual([expect.stringMatching(/_init$/)])
        expect(await tables(main)).toEqual(['Post', 'User', '_prisma_migrations'])
        expect(await tables(shadow)).not.toContain('leftover')
      } finally {
        shadowApp.remove()
        await main.drop()
        await shadow.drop()
      }
    })

    it('migrate diff prints to stdout and writes -o files', async () => {
      const script = await app.prisma(['migrate', 'diff', '--from-empty', '--to-schema', 'prisma/schema.prisma', '--script'])
      expect(script.code, script.output).toBe(0)
      expect(script.stdout).toContain('CREATE TABLE "Tag"')
      expect(script.stdout).toContain('CREATE UNIQUE INDEX "User_email_key"')

      app.setModels(`${withTag}\n\nmodel Note {\n  id Int @id\n}`)
      const toFile = await app.prisma(['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema', 'prisma/schema.prisma', '--script', '-o', 'diff.sql'], { env: { DATABASE_URL: migrateDb.url } })
      expect(toFile.code, toFile.output).toBe(0)
      const written = readFileSync(join(app.dir, 'diff.sql'), 'utf8')
      expect(written).toContain('CREATE TABLE "Note"')
      expect(written).not.toContain('CREATE TABLE "Tag"')
      expect(await migrateDb.shadowDatabases()).toEqual([])
    })
  })
})
