import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateApp, type GeneratedApp } from '../support/generated-app.js'
import { repoRoot } from '../support/paths.js'
import type { RunningApp } from '../support/server.js'
import { dropPostgresDatabase, serverAvailable, servers } from '../support/servers.js'

const available = await serverAvailable('postgresql')

/** A database name of its own on the test server, dropped afterwards. */
function databaseUrl(prefix: string) {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`
  const url = new URL(servers.postgresql.url)
  url.pathname = `/${name}`
  return { name, url: url.toString() }
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}

/** The quickstart and the relation-rich app on the machine's real PostgreSQL, pushed with the offline engine. */
describe.skipIf(!available)('generated apps on PostgreSQL', () => {
  const quick = databaseUrl('e2e_quick')
  const library = databaseUrl('e2e_library')
  let quickApp: GeneratedApp
  let libraryApp: GeneratedApp
  let server: RunningApp

  beforeAll(async () => {
    quickApp = generateApp('pgquick', ['--yes', '--database', 'postgresql'], { DATABASE_URL: quick.url })
    libraryApp = generateApp('pglibrary', ['--models', join(repoRoot, 'test/fixtures/library.yaml'), '--database', 'postgresql'], { DATABASE_URL: library.url })
    server = await quickApp.start()
  })

  afterAll(async () => {
    await server?.stop()
    await dropPostgresDatabase(quick.name)
    await dropPostgresDatabase(library.name)
  })

  it('created the tables with their native types', async () => {
    const columns = await query(quick.url, "select column_name, data_type from information_schema.columns where table_name = 'user' order by ordinal_position")
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'integer' },
      { column_name: 'username', data_type: 'text' },
      { column_name: 'email', data_type: 'text' },
    ])
    const specimen = await query(library.url, "select column_name, data_type from information_schema.columns where table_name = 'specimen' and column_name in ('price', 'day', 'ref', 'label') order by column_name")
    expect(specimen).toEqual([
      { column_name: 'day', data_type: 'date' },
      { column_name: 'label', data_type: 'character varying' },
      { column_name: 'price', data_type: 'numeric' },
      { column_name: 'ref', data_type: 'uuid' },
    ])
  })

  it('walks the seed over HTTP, with a taken username refused (422) and /readyz ready', async () => {
    const post = (path: string, form: Record<string, string>) =>
      fetch(server.url + path, { method: 'POST', body: new URLSearchParams(form), headers: { Origin: server.url }, redirect: 'manual' })
    expect((await post('/users/create', { username: 'bob', email: 'bob@example.com' })).status).toBe(303)
    const alice = await post('/users/create', { username: 'alice', email: '' })
    expect(alice.status).toBe(303)
    const taken = await post('/users/create', { username: 'bob' })
    expect(taken.status).toBe(422)
    expect(await taken.text()).toContain('Already taken')
    const list = await (await fetch(`${server.url}/users`)).text()
    expect(list.indexOf('>alice<')).toBeLessThan(list.indexOf('>bob<'))
    expect(await (await fetch(`${server.url}/users?q=BO`)).text()).toContain('>bob<')
    expect((await post(`${alice.headers.get('location')}/delete`, {})).status).toBe(303)
    expect(await query(quick.url, 'select username, email from "user"')).toEqual([{ username: 'bob', email: 'bob@example.com' }])
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ready' })
  })

  it("passes each app's own tests on a throw-away database of the same server", async () => {
    for (const [generated, url] of [[quickApp, quick.url], [libraryApp, library.url]] as const) {
      const test = spawnSync('npm', ['test'], { cwd: generated.dir, encoding: 'utf8', env: { ...process.env, CI: 'true', DATABASE_URL: url } })
      expect(test.status, test.stdout + test.stderr).toBe(0)
      expect(stripVTControlCharacters(test.stdout)).toMatch(/Tests\s+\d+ passed \(\d+\)/)
    }
    const left = await query(servers.postgresql.url, "select datname from pg_database where datname like '%\\_test\\_%'")
    expect(left.filter((row: { datname: string }) => row.datname.startsWith('e2e_'))).toEqual([])
  }, 480_000)
})
