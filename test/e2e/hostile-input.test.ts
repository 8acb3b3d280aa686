import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import mariadb from 'mariadb'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeApp } from '../../src/model/describe.js'
import { parseModelsFile } from '../../src/parse/models-file.js'
import { generateApp } from '../support/generated-app.js'
import { mysqlDdl } from '../support/mysql-ddl.js'
import { repoRoot } from '../support/paths.js'
import type { RunningApp } from '../support/server.js'
import { serverAvailable, servers } from '../support/servers.js'

const fixture = join(repoRoot, 'test/fixtures/library.yaml')
const postgres = await serverAvailable('postgresql')
const maria = await serverAvailable('mysql')

/** A database of its own for one run, and how to remove it; the app's environment points at it. */
interface Target {
  env: Record<string, string>
  /** `prisma db push` creates the tables (false: the test writes them, as MySQL cannot be pushed here). */
  push: boolean
  prepare: () => Promise<void>
  drop: () => Promise<void>
}

function sqliteTarget(): Target {
  return { env: {}, push: true, prepare: async () => {}, drop: async () => {} }
}

function postgresTarget(): Target {
  const name = `e2e_hostile_${randomBytes(4).toString('hex')}`
  const url = new URL(servers.postgresql.url)
  url.pathname = `/${name}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: servers.postgresql.url })
    await client.connect()
    await client.query(sql)
    await client.end()
  }
  return { env: { DATABASE_URL: url.toString() }, push: true, prepare: async () => {}, drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) }
}

function mariaTarget(): Target {
  const name = `e2e_hostile_${randomBytes(4).toString('hex')}`
  const admin = async (statements: string[]) => {
    const connection = await mariadb.createConnection({ host: servers.mysql.host, port: servers.mysql.port, user: 'root' })
    for (const statement of statements) await connection.query(statement)
    await connection.end()
  }
  const { definition, problems } = parseModelsFile(readFileSync(fixture, 'utf8'), 'library.yaml')
  return {
    // Prisma's native engine is never started for `prisma generate`; any executable stands in for it offline.
    env: { DATABASE_URL: `mysql://root@127.0.0.1:3306/${name}`, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true' },
    push: false,
    prepare: () => admin([`CREATE DATABASE \`${name}\``, `USE \`${name}\``, ...mysqlDdl(describeApp('hostile', definition, problems, 'mysql'))]),
    drop: () => admin([`DROP DATABASE IF EXISTS \`${name}\``]),
  }
}

const targets = [
  { database: 'sqlite', available: true, target: sqliteTarget },
  { database: 'postgresql', available: postgres, target: postgresTarget },
  { database: 'mysql', available: maria, target: mariaTarget },
]

interface Case {
  what: string
  /** The status the request must get (default: any 4xx). */
  status?: number
  method: string
  path: string
  json?: Record<string, unknown>
  form?: [string, string][]
}

/** JSON text sent as it is: a value nested too deep for JSON.stringify (and JSON.parse) to take in one piece. */
class RawJson {
  constructor(readonly text: string) {}
  toString = () => `${this.text.slice(0, 12)}… (${this.text.length} characters)`
}
const nested = (depth: number) => new RawJson('['.repeat(depth) + ']'.repeat(depth))

/** A JSON body in which RawJson values stand as their text. */
function jsonBody(value: Record<string, unknown>): string {
  const raws: RawJson[] = []
  const text = JSON.stringify(value, (_, item: unknown) => (item instanceof RawJson ? `\u0000raw${raws.push(item) - 1}` : item))
  return text.replace(/"\\u0000raw(\d+)"/g, (_, i: string) => raws[Number(i)]?.text ?? '')
}

/** Values that no column of the type can hold, or that break a query, for every scalar type of Specimen. */
const hostileValues: Record<string, unknown[]> = {
  label: ['a\u0000b', '\ud800x', 'x\udfff'],
  notes: ['multi\u0000line', '\udc00'],
  select: ['\u0000'],
  ref: ['00000000-0000-4000-8000-\u000000000001'],
  status: ['draft\u0000'],
  happenedAt: ['-000001-01-01T00:00:00Z', '0000-12-31T23:59:59Z', '10000-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', 'soon'],
  day: ['0000-01-01', '-000001-01-01', '10000-01-01', '2026-02-30'],
  count: [2147483648, -2147483649, 1e300, '9007199254740993'],
  order: [2 ** 53 + 2],
  big: ['9223372036854775808', '-9223372036854775809', '1e19', 1.5],
  ratio: ['1e400', 'NaN', 'Infinity'],
  price: ['123456789.00', '1.234', '1e5'],
  blob: ['!!!!', 'a\u0000=='],
  meta: [nested(1001), nested(50_000), { 'k\u0000': 1 }, { k: '\u0000' }, ['\ud800']],
}

/** Whether a form can carry the value: a form encodes an unpaired surrogate as U+FFFD, which is fine to store. */
const formCarries = (value: unknown) => (typeof value === 'string' && !/[\ud800-\udfff]/.test(value)) || typeof value === 'number'

/** The paths of the app's lists (pages and API) and every query parameter they read. */
const lists = [
  ['/authors', '/api/authors'],
  ['/books', '/api/books'],
  ['/tags', '/api/tags'],
  ['/employees', '/api/employees'],
  ['/specimen', '/api/specimen'],
]

/**
 * Hostile input to the every-type app (test/fixtures/library.yaml), served on each database: NUL and unpaired
 * surrogates in every string field, dates before year 1 and after 9999, numbers past their columns, malformed
 * base64, deep JSON, ids past 2^53, foreign keys that do not exist, and `%00` in every query parameter. Each must get
 * a 4xx, never a 5xx; the server must still answer; and no row may change.
 */
describe.each(targets)('hostile input on $database', ({ database, available, target }) => {
  let app: RunningApp
  let drop = async () => {}
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    if (!available) return
    const run = target()
    drop = run.drop
    await run.prepare()
    const generated = generateApp(`hostile-${database}`, ['--models', fixture, '--database', database], run.env, { push: run.push })
    app = await generated.start()
    ids.author = await create('/api/authors', { name: 'Ursula' })
    ids.tag = await create('/api/tags', { name: 'fantasy' })
    ids.book = await create('/api/books', { title: 'Earthsea', isbn: 'isbn-1', authorId: Number(ids.author), tagIds: [Number(ids.tag)] })
    ids.employee = await create('/api/employees', { name: 'Grace', email: 'grace@example.com' })
    ids.specimen = await create('/api/specimen', validSpecimen)
  })

  afterAll(async () => {
    await app?.stop()
    await drop()
  })

  const validSpecimen = { label: 'first', ref: '00000000-0000-4000-8000-000000000001', status: 'draft', count: 1, big: '1', price: '1.50', happenedAt: '2026-03-04T05:06:00.000Z', day: '2026-03-04' }
  /** A second valid specimen, into which each case puts one hostile value: without it, the request would be a 201. */
  const secondSpecimen = { ...validSpecimen, label: 'second', ref: '00000000-0000-4000-8000-000000000002' }

  async function create(path: string, body: unknown): Promise<string> {
    const response = await fetch(app.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    const text = await response.text()
    expect(response.status, `${path}: ${text}`).toBe(201)
    return String((JSON.parse(text) as { id: number }).id)
  }

  /** Every row of every table, as the API lists them. */
  async function everything(): Promise<string> {
    const pages = await Promise.all(lists.map(async ([, api]) => (await fetch(`${app.url}${api}?per_page=100&sort=id`)).text()))
    return pages.join('\n')
  }

  function cases(): Case[] {
    const all: Case[] = []
    for (const [field, values] of Object.entries(hostileValues)) {
      for (const value of values) {
        const what = `${field} = ${value instanceof RawJson ? String(value) : JSON.stringify(value)?.slice(0, 40)}`
        all.push({ what: `POST ${what}`, method: 'POST', path: '/api/specimen', json: { ...secondSpecimen, [field]: value } })
        all.push({ what: `PATCH ${what}`, method: 'PATCH', path: `/api/specimen/${ids.specimen}`, json: { [field]: value } })
        if (formCarries(value)) {
          const form = Object.entries({ ...secondSpecimen, [field]: value }).map(([name, text]): [string, string] => [name, String(text)])
          all.push({ what: `form ${what}`, method: 'POST', path: '/specimen/create', form })
          all.push({ what: `edit form ${what}`, method: 'POST', path: `/specimen/${ids.specimen}/edit`, form })
        }
      }
    }
    // The string fields of the other models, through their API and their forms.
    const others: [string, string, Record<string, unknown>][] = [
      ['/api/authors', '/authors/create', { name: 'Ursula II', bio: 'Wrote.' }],
      ['/api/tags', '/tags/create', { name: 'classic' }],
      ['/api/employees', '/employees/create', { name: 'Alan', email: 'alan@example.com' }],
      ['/api/books', '/books/create', { title: 'Another', isbn: 'isbn-3', authorId: Number(ids.author) }],
    ]
    for (const [api, page, valid] of others) {
      for (const [field, current] of Object.entries(valid)) {
        if (typeof current !== 'string') continue
        for (const value of [`${current}\u0000`, `\ud800${current}`]) {
          const body = { ...valid, [field]: value }
          all.push({ what: `${api} ${field} = ${JSON.stringify(value)}`, method: 'POST', path: api, json: body })
          if (formCarries(value)) all.push({ what: `${page} ${field} = ${JSON.stringify(value)}`, method: 'POST', path: page, form: Object.entries(body).map(([name, text]): [string, string] => [name, String(text)]) })
        }
      }
    }
    const book = { title: 'Another', isbn: 'isbn-2', authorId: Number(ids.author) }
    for (const [what, json] of [
      ['an author that does not exist', { ...book, authorId: 999_999 }],
      ['an author id past 2^53', { ...book, authorId: 2 ** 53 + 2 }],
      ['an author id as text past 2^53', { ...book, authorId: '9007199254740993' }],
      ['a tag that does not exist', { ...book, tagIds: [999_999] }],
      ['a tag id past 2^53', { ...book, tagIds: ['9007199254740993'] }],
      ['a title with NUL', { ...book, title: 'a\u0000b' }],
    ] as const) {
      all.push({ what: `book with ${what}`, method: 'POST', path: '/api/books', json })
      all.push({ what: `book form with ${what}`, method: 'POST', path: '/books/create', form: Object.entries(json).flatMap(([k, v]) => (Array.isArray(v) ? v.map((item) => [k, String(item)] as [string, string]) : [[k, String(v)] as [string, string]])) })
    }
    all.push({ what: 'employee with a manager that does not exist', method: 'POST', path: '/api/employees', json: { name: 'Alan', email: 'alan@example.com', managerId: 999_999 } })
    all.push({ what: 'employee form with a manager that does not exist', method: 'POST', path: '/employees/create', form: [['name', 'Alan'], ['email', 'alan@example.com'], ['managerId', '999999']] })
    for (const id of ['9007199254740993', '99999999999999999999', '%00', '1%00']) {
      for (const path of [`/api/specimen/${id}`, `/specimen/${id}`, `/specimen/${id}/edit`, `/book/${id}`]) all.push({ what: `GET ${path}`, method: 'GET', path })
      all.push({ what: `PATCH id ${id}`, method: 'PATCH', path: `/api/specimen/${id}`, json: { label: 'x' } })
      all.push({ what: `DELETE id ${id}`, method: 'DELETE', path: `/api/specimen/${id}` })
    }
    for (const [page, api] of lists) {
      for (const parameter of ['q', 'sort', 'page', 'per_page']) {
        for (const value of ['%00', 'a%00b']) {
          all.push({ what: `${page}?${parameter}=${value}`, method: 'GET', path: `${page}?${parameter}=${value}` })
          all.push({ what: `${api}?${parameter}=${value}`, method: 'GET', path: `${api}?${parameter}=${value}` })
        }
      }
      // Not UTF-8 (an encoded surrogate): the filter looks for the text as it came, and finds nothing.
      all.push({ what: `${api}?q=%ED%A0%80`, method: 'GET', path: `${api}?q=%ED%A0%80`, status: 200 })
    }
    // The forms' searches of related rows read their query string too.
    for (const query of ['author.search=%00', 'tags.search=a%00b', 'author.search=%ED%A0%80&title=%00']) {
      all.push({ what: `/books/create?${query}`, method: 'GET', path: `/books/create?${query}`, status: 200 })
      all.push({ what: `/book/…/edit?${query}`, method: 'GET', path: `/book/${ids.book}/edit?${query}`, status: 200 })
    }
    return all
  }

  it.skipIf(!available)('answers every hostile request with a 4xx (a search with a 200), and changes no row', async () => {
    const before = await everything()
    const problems: string[] = []
    const all = cases()
    expect(all.length).toBeGreaterThan(150)
    for (const c of all) {
      const headers: Record<string, string> = { Origin: app.url }
      let body: string | undefined
      if (c.json !== undefined) {
        headers['Content-Type'] = 'application/json'
        body = jsonBody(c.json)
      } else if (c.form) {
        body = new URLSearchParams(c.form).toString()
        headers['Content-Type'] = 'application/x-www-form-urlencoded'
      }
      const response = await fetch(app.url + c.path, { method: c.method, headers, body, redirect: 'manual' })
      const text = await response.text()
      const expected = c.status
      if (expected ? response.status !== expected : response.status < 400 || response.status >= 500) {
        problems.push(`${c.what}: ${response.status} ${text.slice(0, 160)}`)
      }
    }
    expect(problems).toEqual([])
    expect(await everything()).toBe(before)
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200)
    await create('/api/specimen', secondSpecimen)
  }, 180_000)
})
