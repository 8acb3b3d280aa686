import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import mariadb from 'mariadb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeApp } from '../../src/model/describe.js'
import { parseModelsFile } from '../../src/parse/models-file.js'
import { expectDatabase } from '../support/database-files.js'
import { generateApp, type GeneratedApp } from '../support/generated-app.js'
import { mysqlDdl } from '../support/mysql-ddl.js'
import type { RunningApp } from '../support/server.js'
import { dropPostgresDatabase, serverAvailable, servers } from '../support/servers.js'
import { printedNextSteps, runYo } from '../support/yo.js'

const postgres = await serverAvailable('postgresql')
const maria = await serverAvailable('mysql')

/** The real `yo dbapp:model Post title:string` in an app; returns what it printed. */
function addPost(dir: string): string {
  const yo = runYo(['dbapp:model', 'Post', 'title:string'], dir)
  const output = yo.stdout + yo.stderr
  expect(yo.status, output).toBe(0)
  return output
}

/** A model added with the real `yo dbapp:model` to a PostgreSQL app: it stays PostgreSQL, pushes, serves, passes its tests. */
describe.skipIf(!postgres)('yo dbapp:model in a PostgreSQL app, end to end', () => {
  const name = `e2e_pgmodel_${randomBytes(4).toString('hex')}`
  const url = Object.assign(new URL(servers.postgresql.url), { pathname: `/${name}` }).toString()
  let generated: GeneratedApp
  let output = ''
  let app: RunningApp

  beforeAll(async () => {
    generated = generateApp('pgmodel', ['--yes', '--database', 'postgresql'], { DATABASE_URL: url }, { push: false })
    output = addPost(generated.dir)
    execFileSync('npx', ['prisma', 'db', 'push'], { cwd: generated.dir, stdio: 'pipe', env: { ...process.env, DATABASE_URL: url } })
    app = await generated.start()
  })

  afterAll(async () => {
    await app?.stop()
    await dropPostgresDatabase(name)
  })

  it('kept the app on PostgreSQL, and printed the steps that remain', () => {
    expectDatabase(generated.dir, 'postgresql')
    expect(readFileSync(join(generated.dir, 'prisma/schema.prisma'), 'utf8')).toContain('model Post {')
    // package.json did not change, so there was nothing to install.
    expect(printedNextSteps(output)).toEqual({ steps: ['npm run db:push', 'npm run dev'], url: 'http://localhost:3000/posts' })
  })

  it("serves the new model's list page", async () => {
    const list = await fetch(`${app.url}/posts`)
    expect(list.status).toBe(200)
    expect(await list.text()).toContain('<title>Posts</title>')
  })

  it("passes the app's own tests on a throw-away database of the same server", () => {
    const test = spawnSync('npm', ['test'], { cwd: generated.dir, encoding: 'utf8', env: { ...process.env, CI: 'true', DATABASE_URL: url } })
    expect(test.status, test.stdout + test.stderr).toBe(0)
    expect(stripVTControlCharacters(test.stdout)).toMatch(/Tests\s+\d+ passed/)
  }, 180_000)
})

/**
 * A model added with the real `yo dbapp:model` to a MySQL app: it stays MySQL. `prisma db push` cannot run for
 * MySQL here (see mariadb.test.ts), so the tables come from test/support/mysql-ddl.ts to serve the new page.
 */
describe('yo dbapp:model in a MySQL app, end to end', () => {
  const name = `e2e_mymodel_${randomBytes(4).toString('hex')}`
  const url = `mysql://root@127.0.0.1:3306/${name}`
  let generated: GeneratedApp

  beforeAll(() => {
    // Any executable stands in for Prisma's native schema engine, which `prisma generate` never runs (see mariadb.test.ts).
    generated = generateApp('mymodel', ['--yes', '--database', 'mysql'], { DATABASE_URL: url, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true' }, { push: false })
  })

  it('keeps the app on MySQL', () => {
    const output = addPost(generated.dir)
    expectDatabase(generated.dir, 'mysql')
    expect(printedNextSteps(output)).toEqual({ steps: ['npm run db:push', 'npm run dev'], url: 'http://localhost:3000/posts' })
  })

  it.skipIf(!maria)("serves the new model's list page from MariaDB", async () => {
    const models = readFileSync(join(generated.dir, 'models.yaml'), 'utf8')
    const { definition, problems } = parseModelsFile(models, 'models.yaml')
    const connection = await mariadb.createConnection({ host: servers.mysql.host, port: servers.mysql.port, user: 'root' })
    let app: RunningApp | undefined
    try {
      await connection.query(`CREATE DATABASE \`${name}\``)
      await connection.query(`USE \`${name}\``)
      for (const statement of mysqlDdl(describeApp('mymodel', definition, problems, 'mysql'))) await connection.query(statement)
      app = await generated.start()
      const list = await fetch(`${app.url}/posts`)
      expect(list.status).toBe(200)
      expect(await list.text()).toContain('<title>Posts</title>')
    } finally {
      await app?.stop()
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``)
      await connection.end()
    }
  })
})
