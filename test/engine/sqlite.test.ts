import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type App, createApp, userAndPost, withTag } from './fixture.js'

/** Runs `fn` on the app's SQLite file and closes it again, so the engine never waits for our lock. */
function inDb<T>(app: App, file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(join(app.dir, file))
  try {
    return fn(db)
  } finally {
    db.close()
  }
}
const tables = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all()
const indexes = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all()
const columns = (db: Database.Database, table: string) =>
  db.prepare(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).pluck().all()

describe('offline schema engine on SQLite', () => {
  let app: App
  beforeAll(() => {
    app = createApp('sqlite', 'file:./dev.db', userAndPost)
  })
  afterAll(() => app?.remove())

  describe('db push', () => {
    it('generate and validate work without touching the engine', async () => {
      const generate = await app.prisma(['generate'])
      expect(generate.code, generate.output).toBe(0)
      expect(existsSync(join(app.dir, 'src/generated/prisma/client.ts'))).toBe(true)
      const validate = await app.prisma(['validate'])
      expect(validate.code, validate.output).toBe(0)
      expect(validate.output).toContain('is valid')
    })

    it('creates the missing database file, the tables and the unique index', async () => {
      const run = await app.prisma(['db', 'push'])
      expect(run.code, run.output).toBe(0)
      expect(run.output).toContain('SQLite database dev.db created')
      expect(run.output).toContain('in sync')
      inDb(app, 'dev.db', (db) => {
        expect(tables(db)).toEqual(['Post', 'User'])
        expect(indexes(db)).toEqual(['User_email_key'])
        expect(columns(db, 'User')).toEqual(['id', 'email', 'name'])
        db.exec("INSERT INTO User (email, name) VALUES ('ada@example.com', 'Ada'), ('bob@example.com', 'Ada'); INSERT INTO Post (title, authorId) VALUES ('Hello', 1), ('Again', 2)")
      })
    })

    it('refuses a push that loses data, and changes nothing', async () => {
      app.setModels(withTag.replace('  name  String?\n', ''))
      const run = await app.prisma(['db', 'push'])
      expect(run.code).not.toBe(0)
      expect(run.output).toContain('You are about to drop the column `name` on the `User` table, which still contains 2 non-null values')
      expect(run.output).toContain('--accept-data-loss')
      inDb(app, 'dev.db', (db) => {
        expect(tables(db)).toEqual(['Post', 'User'])
        expect(columns(db, 'User')).toEqual(['id', 'email', 'name'])
        expect(db.prepare('SELECT count(*) FROM Post').pluck().get()).toBe(2)
      })
    })

    it('rolls back a push that fails halfway, even with --accept-data-loss', async () => {
      // The new table comes first, then the unique index that the duplicate names make fail.
      app.setModels(withTag.replace('name  String?', 'name  String? @unique'))
      const run = await app.prisma(['db', 'push', '--accept-data-loss'], { consent: true })
      expect(run.code).not.toBe(0)
      expect(run.output).toContain('Unique constraint failed')
      expect(run.output).not.toMatch(/\n\s+at .*\.m?js:\d+/) // no JavaScript stack trace
      inDb(app, 'dev.db', (db) => {
        expect(tables(db)).toEqual(['Post', 'User'])
        expect(indexes(db)).toEqual(['User_email_key'])
        expect(db.prepare('SELECT count(*) FROM User').pluck().get()).toBe(2)
        expect(db.prepare('SELECT count(*) FROM Post').pluck().get()).toBe(2)
      })
    })

    it('applies a data-losing push with --accept-data-loss, keeping the other rows', async () => {
      app.setModels(withTag.replace('  name  String?\n', ''))
      const run = await app.prisma(['db', 'push', '--accept-data-loss'], { consent: true })
      expect(run.code, run.output).toBe(0)
      inDb(app, 'dev.db', (db) => {
        expect(tables(db)).toEqual(['Post', 'Tag', 'User'])
        expect(columns(db, 'User')).toEqual(['id', 'email'])
        // Redefining User must not cascade-delete the posts.
        expect(db.prepare('SELECT title FROM Post ORDER BY id').pluck().all()).toEqual(['Hello', 'Again'])
      })
    })

    it('--force-reset empties the database, then pushes the schema', async () => {
      const run = await app.prisma(['db', 'push', '--force-reset'], { consent: true })
      expect(run.code, run.output).toBe(0)
      inDb(app, 'dev.db', (db) => {
        expect(tables(db)).toEqual(['Post', 'Tag', 'User'])
        expect(indexes(db)).toEqual(['User_email_key'])
        expect(db.prepare('SELECT count(*) FROM Post').pluck().get()).toBe(0)
      })
    })

    it('db pull --print reads the tables back as models', async () => {
      const run = await app.prisma(['db', 'pull', '--print'])
      expect(run.code, run.output).toBe(0)
      expect(run.stdout).toMatch(/model Tag \{\s+id\s+Int\s+@id @default\(autoincrement\(\)\)\s+label\s+String\s+\}/)
      expect(run.stdout).toMatch(/email\s+String\s+@unique/)
    })

    it('db execute runs a script, and a failing script changes nothing', async () => {
      writeFileSync(join(app.dir, 'ok.sql'), "INSERT INTO Tag (label) VALUES ('a; b');\nINSERT INTO Tag (label) VALUES ('c');\n")
      const ok = await app.prisma(['db', 'execute', '--file', 'ok.sql'])
      expect(ok.code, ok.output).toBe(0)
      writeFileSync(join(app.dir, 'bad.sql'), "INSERT INTO Tag (label) VALUES ('d');\nINSERT INTO Missing VALUES (1);\n")
      const bad = await app.prisma(['db', 'execute', '--file', 'bad.sql'])
      expect(bad.code).not.toBe(0)
      expect(bad.output).toContain('Missing')
      inDb(app, 'dev.db', (db) => expect(db.prepare('SELECT label FROM Tag ORDER BY id').pluck().all()).toEqual(['a; b', 'c']))
    })

    it('db execute keeps foreign keys on: deletes cascade as the schema says', async () => {
      inDb(app, 'dev.db', (db) => db.exec("INSERT INTO User (id, email) VALUES (7, 'cy@example.com'); INSERT INTO Post (title, authorId) VALUES ('Bye', 7)"))
      writeFileSync(join(app.dir, 'delete.sql'), 'DELETE FROM User WHERE id = 7;\n')
      const run = await app.prisma(['db', 'execute', '--file', 'delete.sql'])
      expect(run.code, run.output).toBe(0)
      inDb(app, 'dev.db', (db) => expect(db.prepare('SELECT count(*) FROM Post WHERE authorId = 7').pluck().get()).toBe(0))
    })
  })

  describe('migrate', () => {
    const migrateUrl = { DATABASE_URL: 'file:./migrate.db' }

    it('migrate dev twice makes two migrations and applies them', async () => {
      app.setModels(userAndPost)
      const first = await app.prisma(['migrate', 'dev', '--name', 'init'], { env: migrateUrl })
      expect(first.code, first.output).toBe(0)
      expect(app.migrations()).toEqual([expect.stringMatching(/^\d{14}_init$/)])
      expect(readFileSync(join(app.dir, 'prisma/migrations/migration_lock.toml'), 'utf8')).toContain('provider = "sqlite"')

      app.setModels(withTag)
      const second = await app.prisma(['migrate', 'dev', '--name', 'add_tag'], { env: migrateUrl })
      expect(second.code, second.output).toBe(0)
      const names = app.migrations()
      expect(names).toEqual([expect.stringMatching(/_init$/), expect.stringMatching(/_add_tag$/)])
      expect(readFileSync(join(app.dir, 'prisma/migrations', names[1]!, 'migration.sql'), 'utf8')).toContain('CREATE TABLE "Tag"')
      inDb(app, 'migrate.db', (db) => {
        expect(tables(db)).toEqual(['Post', 'Tag', 'User', '_prisma_migrations'])
        const applied = db.prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY started_at').pluck().all()
        expect(applied).toEqual(names)
      })
    })

    it('migrate status reports pending migrations on a new database, and up to date after deploy', async () => {
      const deployUrl = { DATABASE_URL: 'file:./deploy.db' }
      inDb(app, 'deploy.db', () => {}) // an empty database file: no _prisma_migrations table yet
      const pending = await app.prisma(['migrate', 'status'], { env: deployUrl })
      expect(pending.code).toBe(1)
      expect(pending.output).toContain('Following migrations have not yet been applied')
      expect(pending.output).toMatch(/_add_tag/)
      inDb(app, 'deploy.db', (db) => expect(tables(db)).toEqual([])) // status changed nothing

      const deploy = await app.prisma(['migrate', 'deploy'], { env: deployUrl })
      expect(deploy.code, deploy.output).toBe(0)
      expect(deploy.output).toContain('All migrations have been successfully applied')
      inDb(app, 'deploy.db', (db) => {
        expect(tables(db)).toEqual(['Post', 'Tag', 'User', '_prisma_migrations'])
        expect(db.prepare('SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL').pluck().get()).toBe(2)
      })
      const status = await app.prisma(['migrate', 'status'], { env: deployUrl })
      expect(status.code, status.output).toBe(0)
      expect(status.output).toContain('Database schema is up to date')
    })

    it('migrate resolve --applied works before any migration ran', async () => {
      const env = { DATABASE_URL: 'file:./resolve.db' }
      inDb(app, 'resolve.db', () => {}) // empty database: no _prisma_migrations yet
      const [first] = app.migrations()
      const resolve = await app.prisma(['migrate', 'resolve', '--applied', first!], { env })
      expect(resolve.code, resolve.output).toBe(0)
      const deploy = await app.prisma(['migrate', 'deploy'], { env })
      expect(deploy.code, deploy.output).toBe(0)
      inDb(app, 'resolve.db', (db) => {
        // The first migration was only marked applied, so its tables were never created.
        expect(tables(db)).toEqual(['Tag', '_prisma_migrations'])
        expect(db.prepare('SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL').pluck().get()).toBe(2)
      })
    })

    it('migrate deploy on a missing database file creates it', async () => {
      const run = await app.prisma(['migrate', 'deploy'], { env: { DATABASE_URL: 'file:./fresh/new.db' } })
      expect(run.code, run.output).toBe(0)
      inDb(app, 'fresh/new.db', (db) => expect(tables(db)).toEqual(['Post', 'Tag', 'User', '_prisma_migrations']))
    })

    it('a failing migration leaves its tables out and is recorded as failed', async () => {
      const dir = join(app.dir, 'prisma/migrations/29990101000000_broken')
      mkdirSync(dir)
      writeFileSync(join(dir, 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER PRIMARY KEY);\nINSERT INTO "Nowhere" VALUES (1);\n')
      try {
        const run = await app.prisma(['migrate', 'deploy'], { env: { DATABASE_URL: 'file:./deploy.db' } })
        expect(run.code).not.toBe(0)
        expect(run.output).toContain('P3018')
        expect(run.output).toContain('Migration name: 29990101000000_broken')
        expect(run.output).toContain('Nowhere')
        inDb(app, 'deploy.db', (db) => {
          expect(tables(db)).not.toContain('Half')
          expect(db.prepare("SELECT finished_at FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'").pluck().get()).toBeNull()
        })
      } finally {
        rmSync(dir, { recursive: true }) // keep later tests from replaying it
      }
    })

    it('migrate dev refuses to continue when the database drifted, and changes nothing', async () => {
      inDb(app, 'migrate.db', (db) => db.exec('CREATE TABLE "Surprise" ("id" INTEGER PRIMARY KEY)'))
      const run = await app.prisma(['migrate', 'dev', '--name', 'never'], { env: migrateUrl })
      expect(run.code).not.toBe(0)
      expect(run.output).toContain('Drift detected')
      expect(run.output).toContain('Surprise')
      expect(app.migrations()).toHaveLength(2)
      inDb(app, 'migrate.db', (db) => expect(tables(db)).toContain('Surprise'))
    })

    it('migrate reset --force empties the database and replays the migrations', async () => {
      inDb(app, 'migrate.db', (db) => db.exec("INSERT INTO User (email) VALUES ('x@example.com')"))
      const run = await app.prisma(['migrate', 'reset', '--force'], { consent: true, env: migrateUrl })
      expect(run.code, run.output).toBe(0)
      inDb(app, 'migrate.db', (db) => {
        expect(tables(db)).toEqual(['Post', 'Tag', 'User', '_prisma_migrations'])
        expect(db.prepare('SELECT count(*) FROM User').pluck().get()).toBe(0)
        expect(db.prepare('SELECT count(*) FROM _prisma_migrations').pluck().get()).toBe(2)
      })
    })

    it('migrate diff prints to stdout and writes -o files', async () => {
      const script = await app.prisma(['migrate', 'diff', '--from-empty', '--to-schema', 'prisma/schema.prisma', '--script'])
      expect(script.code, script.output).toBe(0)
      expect(script.stdout).toContain('CREATE TABLE "Tag"')
      expect(script.stdout).toContain('CREATE UNIQUE INDEX "User_email_key"')

      app.setModels(`${withTag}\n\nmodel Note {\n  id Int @id\n}`)
      const toFile = await app.prisma(['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema', 'prisma/schema.prisma', '--script', '-o', 'diff.sql'], { env: migrateUrl })
      expect(toFile.code, toFile.output).toBe(0)
      const written = readFileSync(join(app.dir, 'diff.sql'), 'utf8')
      expect(written).toContain('CREATE TABLE "Note"')
      expect(written).not.toContain('CREATE TABLE "Tag"')
      expect(toFile.stdout).not.toContain('CREATE TABLE "Note"')
    })
  })
})
