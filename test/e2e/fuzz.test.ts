import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateApp, type GeneratedApp } from '../support/generated-app.js'
import { sendRaw, type RawAnswer } from '../support/raw-http.js'
import type { RunningApp } from '../support/server.js'
import { buildCases, type FuzzCase, type UserRow } from './fuzz-cases.js'

/**
 * Malformed requests against every route of the served quickstart app (see fuzz-cases.ts for the list and
 * the status each must get). For each one: no 5xx, exactly the expected status, the app's own headers and error
 * format, no stack trace, and the user table (read from dev.db) unchanged unless the case is a valid write, which
 * must change exactly the row it names. Afterwards the server must still answer.
 */
describe('fuzz: malformed requests over HTTP against the quickstart app', () => {
  let generated: GeneratedApp
  let app: RunningApp
  let port: number
  let db: Database.Database

  beforeAll(async () => {
    generated = generateApp('quickstart', ['--yes'])
    app = await generated.start('dev')
    port = Number(new URL(app.url).port)
    db = new Database(generated.dbFile, { readonly: true, fileMustExist: true })
  })

  afterAll(async () => {
    db?.close()
    await app?.stop()
  })

  const dump = () => db.prepare('select id, username, email from user order by id').all() as UserRow[]

  async function createUser(username: string, email: string | null): Promise<UserRow> {
    const response = await fetch(`${app.url}/api/users`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, email }) })
    expect(response.status, await response.clone().text()).toBe(201)
    return (await response.json()) as UserRow
  }

  /** What is wrong with one answer, or an empty list. */
  function judge(c: FuzzCase, answer: RawAnswer, before: UserRow[], after: UserRow[]): string[] {
    const problems: string[] = []
    if (answer.status >= 500) problems.push(`a ${answer.status}: a server error`)
    else if (answer.status !== c.status) problems.push(`status ${answer.status}, expected ${c.status}`)
    if (!c.outsideApp) {
      if (answer.headers['x-content-type-options'] !== 'nosniff') problems.push('no secure headers (X-Content-Type-Options)')
      if (answer.status >= 400 && c.method !== 'HEAD') {
        const type = answer.headers['content-type'] ?? ''
        const api = c.path.startsWith('/api/')
        if (api && !type.startsWith('application/problem+json')) problems.push(`an API error as "${type}", not application/problem+json`)
        if (!api && !type.startsWith('text/html')) problems.push(`a page error as "${type}", not text/html`)
      }
    }
    if (/\n\s+at .+:\d+:\d+/.test(answer.body) || /node_modules|PrismaClient|\.tsx?:\d+/.test(answer.body)) problems.push('a stack trace or internals in the body')
    if (c.mustNotContain && answer.body.includes(c.mustNotContain)) problems.push(`the body contains ${JSON.stringify(c.mustNotContain)} unescaped`)
    problems.push(...tableProblems(c, answer, before, after))
    return problems
  }

  /** The table must be unchanged, or changed exactly as the case's effect says. */
  function tableProblems(c: FuzzCase, answer: RawAnswer, before: UserRow[], after: UserRow[]): string[] {
    const effect = c.effect
    let expected = before
    if (effect && 'created' in effect) {
      const maxId = Math.max(0, ...before.map((row) => row.id))
      const added = after.filter((row) => row.id > maxId)
      if (added.length !== 1) return [`expected one new row, found ${added.length}`]
      const row = added[0] as UserRow
      expected = [...before, { id: row.id, ...effect.created }]
      if (effect.notId === row.id) return [`the new row took the id ${row.id} from the request body`]
      const location = answer.headers.location
      if (c.path.startsWith('/api/')) {
        if (!answer.body.includes(`"id":${row.id},`)) return [`the answer does not name the new row ${row.id}: ${answer.body.slice(0, 200)}`]
      } else if (location !== `/user/${row.id}`) {
        return [`redirected to ${location}, not to the new row /user/${row.id}`]
      }
    } else if (effect && 'updated' in effect) {
      expected = before.map((row) => (row.id === effect.updated.id ? effect.updated : row))
    } else if (effect && 'deleted' in effect) {
      expected = before.filter((row) => row.id !== effect.deleted)
    }
    if (JSON.stringify(after) === JSON.stringify(expected)) return []
    const show = (rows: UserRow[]) => JSON.stringify(rows.map((row) => ({ ...row, username: row.username.slice(0, 60) })))
    const changed = [...after.filter((row) => !expected.some((e) => JSON.stringify(e) === JSON.stringify(row)))]
    const missing = [...expected.filter((row) => !after.some((a) => JSON.stringify(a) === JSON.stringify(row)))]
    return [`the user table changed: rows now ${show(changed)}, rows expected but gone ${show(missing)}`]
  }

  it('answers every malformed request with the right 4xx (or the documented 2xx/3xx), writes nothing it refuses, and keeps serving', async () => {
    const seeds: UserRow[] = []
    for (let i = 0; i < 25; i++) seeds.push(await createUser(`seed-${String(i).padStart(2, '0')}`, i % 3 ? `seed-${i}@example.com` : null))
    const scratch = await createUser('scratch', 'scratch@example.com')
    const victim = await createUser('victim', null)
    const seeded = dump()
    expect(seeded).toHaveLength(27)

    const cases = buildCases({ origin: app.url, port, seeds, scratch, victim })
    expect(cases.length).toBeGreaterThanOrEqual(200)
    // The same seed gives the same requests: the list is reproducible from the failure messages.
    expect(buildCases({ origin: app.url, port, seeds, scratch: { ...scratch }, victim }).map((c) => `${c.method} ${c.path}`)).toEqual(
      cases.map((c) => `${c.method} ${c.path}`),
    )

    const failures: string[] = []
    const statuses = new Map<string, number>()
    const started = Date.now()
    let before = seeded
    for (const [index, c] of cases.entries()) {
      const logFrom = app.output().length
      let problems: string[]
      let after = before
      try {
        const answer = await sendRaw(port, c)
        after = dump()
        problems = judge(c, answer, before, after)
        const key = `${c.group} ${answer.status}`
        statuses.set(key, (statuses.get(key) ?? 0) + 1)
      } catch (error) {
        problems = [`no answer: ${(error as Error).message}`]
        after = dump()
      }
      if (problems.length > 0) {
        const body = c.body === undefined ? '' : ` body ${JSON.stringify(String(c.body).slice(0, 160))}${String(c.body).length > 160 ? `… (${c.body.length} bytes)` : ''}`
        const log = app.output().slice(logFrom).trim()
        failures.push(
          `#${index} [${c.group}] ${c.method} ${c.path.slice(0, 200)} headers ${JSON.stringify(c.headers ?? {})}${body}${c.chunked ? ' (chunked)' : ''}\n` +
            `    expected: ${c.why}\n    problems: ${problems.join('; ')}${log ? `\n    app log: ${log.slice(0, 2000)}` : ''}`,
        )
      }
      before = after
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    console.log(`fuzz: ${cases.length} requests in ${seconds} s; answers by group and status:\n` + [...statuses].map(([key, n]) => `  ${key}: ${n}`).join('\n'))
    expect(failures, failures.join('\n')).toEqual([])

    // Still serving, with the table as the accepted requests left it.
    const list = await fetch(`${app.url}/api/users?per_page=100&sort=id`)
    expect(list.status).toBe(200)
    const page = (await list.json()) as { items: UserRow[]; total: number }
    expect(page.total).toBe(dump().length)
    expect(page.items).toEqual(dump().slice(0, 100))
    expect((await fetch(`${app.url}/users`)).status).toBe(200)
    // Every seed row (the one a JSON post tried to delete included) is still there, untouched.
    expect(dump().filter((row) => seeded.some((s) => s.id === row.id && s.id !== scratch.id))).toEqual(seeded.filter((row) => row.id !== scratch.id))
    // The app logged no error (its error handler logs every unexpected one before answering 500).
    expect(app.output()).not.toMatch(/error|exception|\n\s+at /i)
  }, 240_000)

  // Two odd-but-valid inputs from the fuzz lists, checked for what they store and match.

  it('stores an optional value of only spaces as null, as it does a blank one (README: "blank or missing is stored as null")', async () => {
    const created = await sendRaw(port, {
      method: 'POST', path: '/users/create', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: app.url },
      body: new URLSearchParams({ username: 'spaces-form', email: '   ' }).toString(),
    })
    expect(created.status).toBe(303)
    const json = await createUser('spaces-json', '  ')
    const patched = await fetch(`${app.url}/api/users/${json.id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: '{"email":" \\t "}' })
    expect(patched.status).toBe(200)
    const stored = db.prepare("select username, email from user where username like 'spaces-%' order by username").all()
    expect(stored).toEqual([
      { username: 'spaces-form', email: null },
      { username: 'spaces-json', email: null },
    ])
  })

  it('filters by q as SQL LIKE does (% any text, _ any one character), on the API and the page', async () => {
    for (const [username, email] of [['percent%sign', null], ['under_score', null], ['plain', 'plain@example.com']] as const) await createUser(username, email)
    // Prisma passes % and _ through to LIKE (prisma/prisma#19506), and the README documents q that way.
    // SQLite's LIKE ignores ASCII case, so the expected rows do too.
    const like = (q: string) => new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('%', '.*').replaceAll('_', '.'), 'is')
    for (const q of ['%', '_', 'n%s', 'r_s', 'percent%s', 'under_']) {
      const has = (value: string | null) => value !== null && like(q).test(value)
      const expected = dump().filter((row) => has(row.username) || has(row.email)).map((row) => row.username).sort()
      const response = await fetch(`${app.url}/api/users?per_page=100&q=${encodeURIComponent(q)}`)
      expect(response.status).toBe(200)
      const page = (await response.json()) as { items: UserRow[]; total: number }
      expect(page.items.map((row) => row.username).sort(), `q=${q}`).toEqual(expected)
      expect(page.total, `q=${q}`).toBe(expected.length)
    }
    const html = await (await fetch(`${app.url}/users?q=${encodeURIComponent('under_')}`)).text()
    expect(html).toContain('>under_score<')
    expect(html).not.toContain('>plain<')
  })

})
