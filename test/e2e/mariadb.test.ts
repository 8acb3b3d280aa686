import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import mariadb, { type Connection } from 'mariadb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeApp } from '../../src/model/describe.js'
import { parseModelsFile } from '../../src/parse/models-file.js'
import { generateApp } from '../support/generated-app.js'
import { mysqlDdl } from '../support/mysql-ddl.js'
import { repoRoot } from '../support/paths.js'
import type { RunningApp } from '../support/server.js'
import { serverAvailable, servers } from '../support/servers.js'

const available = await serverAvailable('mysql')
const fixture = join(repoRoot, 'test/fixtures/library.yaml')

/**
 * The relation-rich app on the machine's real MariaDB, served and used over HTTP. Its tables come from
 * test/support/mysql-ddl.ts: `prisma db push` cannot run for MySQL here (no MySQL connector in Prisma's
 * WebAssembly engine, no way to download the native one), so the app's own tests, which push, are not run.
 */
describe.skipIf(!available)('the relation-rich app on MariaDB', () => {
  const name = `e2e_maria_${randomBytes(4).toString('hex')}`
  const url = `mysql://root@127.0.0.1:3306/${name}`
  let app: RunningApp
  let connection: Connection

  beforeAll(async () => {
    // MySQL apps use Prisma's native schema engine, which the CLI would download even for `prisma generate`
    // (which never runs it): offline, as here, any executable stands in for it, as the app's README says.
    const env = { DATABASE_URL: url, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true' }
    const generated = generateApp('marialib', ['--models', fixture, '--database', 'mysql'], env, { push: false })
    const { definition, problems } = parseModelsFile(readFileSync(fixture, 'utf8'), 'library.yaml')
    connection = await mariadb.createConnection({ host: servers.mysql.host, port: servers.mysql.port, user: 'root' })
    await connection.query(`CREATE DATABASE \`${name}\``)
    await connection.query(`USE \`${name}\``)
    for (const statement of mysqlDdl(describeApp('marialib', definition, problems, 'mysql'))) await connection.query(statement)
    app = await generated.start()
  })

  afterAll(async () => {
    await app?.stop()
    await connection?.query(`DROP DATABASE IF EXISTS \`${name}\``)
    await connection?.end()
  })

  async function submit(path: string, fields: [string, string][], expected = 303) {
    const response = await fetch(app.url + path, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: app.url }, redirect: 'manual' })
    expect(response.status, `${path}: ${await response.clone().text()}`).toBe(expected)
    return { location: response.headers.get('location') ?? '', html: await response.text() }
  }
  const idOf = (path: string) => path.split('/').pop() ?? ''

  it('creates, relates, refuses a taken value, restricts a delete and lists, over HTTP', async () => {
    const { location: author } = await submit('/authors/create', [['name', 'N. K. Jemisin']])
    const { location: tag } = await submit('/tags/create', [['name', 'fantasy']])
    const { location: book } = await submit('/books/create', [['title', 'The Fifth Season'], ['isbn', '978-0316229296'], ['authorId', idOf(author)], ['tagIds', idOf(tag)]])
    const detail = await (await fetch(app.url + book)).text()
    expect(detail).toContain(`<a href="${author}">N. K. Jemisin</a>`)
    expect(detail).toContain(`<a href="${tag}">fantasy</a>`)
    expect((await submit('/tags/create', [['name', 'fantasy']], 422)).html).toContain('Already taken')
    const taken = await fetch(`${app.url}/api/tags`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"fantasy"}' })
    expect(taken.status).toBe(409)
    expect(await taken.json()).toMatchObject({ errors: { name: 'Already taken' } })
    await submit(`${author}/delete`, [], 409)
    const list = (await (await fetch(`${app.url}/api/books?q=fifth`)).json()) as { total: number }
    expect(list.total).toBe(1)
    await submit(`${book}/delete`, [])
    await submit(`${author}/delete`, [])
    expect(await connection.query('SELECT COUNT(*) AS n FROM `_BookToTag`')).toEqual([{ n: 0n }])
  })

  it('stores every scalar type from a form and reads it back through the API', async () => {
    const { location } = await submit('/specimen/create', [
      ['label', 'first'], ['count', '42'], ['big', '9007199254740993'], ['price', '1234.50'], ['active', 'on'],
      ['happenedAt', '2026-03-04T05:06'], ['day', '2026-03-04'], ['meta', '{"a":[1,2]}'], ['blob', Buffer.from('hi').toString('base64')],
      ['ref', '1b4e28ba-2fa1-4d2b-883f-0016d3cca427'], ['status', 'published'], ['order', '7'], ['select', 'chosen'],
    ])
    const json = await (await fetch(`${app.url}/api/specimen/${idOf(location)}`)).json()
    expect(json).toMatchObject({ label: 'first', count: 42, big: '9007199254740993', price: '1234.5', active: true, day: '2026-03-04T00:00:00.000Z', meta: { a: [1, 2] }, blob: 'aGk=', status: 'published', order: 7, select: 'chosen' })
    expect(await (await fetch(`${app.url}/readyz`)).json()).toEqual({ status: 'ready' })
  })
})
