import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateApp, type GeneratedApp } from '../support/generated-app.js'
import { repoRoot } from '../support/paths.js'
import { sendRaw, type RawAnswer, type RawRequest } from '../support/raw-http.js'
import type { RunningApp } from '../support/server.js'

/**
 * Malformed and hostile requests against the routes of accounts and of owned rows, in the served app of
 * test/fixtures/accounts.yaml: sign-up, sign-in, sign-out, odd session cookies and bearer tokens, asking for a token,
 * the account page, asking for a password reset and odd reset links, and another account's projects.
 * For each: no 5xx, exactly the expected status, the app's headers, no stack trace, and the tables of accounts,
 * sessions and projects changed only as the case says. Afterwards the app has logged no error.
 */

interface AuthCase extends RawRequest {
  group: string
  why: string
  status: number
  /** How many accounts and projects the request adds (none unless given). */
  adds?: { accounts?: number; projects?: number }
  /** Where a redirect must go. */
  location?: string
}

const password = 'correct horse battery staple'
const form = (origin: string, fields: Record<string, string | string[]>, cookie?: string): Pick<RawRequest, 'headers' | 'body'> => {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item)
  return { headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin, ...(cookie && { Cookie: cookie }) }, body: body.toString() }
}

interface Context {
  origin: string
  /** An account that exists, with a session cookie. */
  member: { email: string; cookie: string }
  /** A project of another account, and the member's own. */
  theirs: number
  mine: number
  /** An API token of the member's. */
  token: string
}

function buildCases({ origin, member, theirs, mine, token }: Context): AuthCase[] {
  const signedIn = { Cookie: member.cookie }
  const signUp = (fields: Record<string, string | string[]>, status: number, why: string, extra: Partial<AuthCase> = {}): AuthCase => ({
    group: 'sign-up', method: 'POST', path: '/signup', ...form(origin, fields), status, why, ...extra,
  })
  const signIn = (fields: Record<string, string | string[]>, status: number, why: string, extra: Partial<AuthCase> = {}): AuthCase => ({
    group: 'sign-in', method: 'POST', path: '/signin', ...form(origin, fields), status, why, ...extra,
  })
  const fresh = (n: number) => `fuzz-${n}@example.com`
  return [
    signUp({}, 422, 'nothing sent: each field is required'),
    signUp({ email: fresh(1) }, 422, 'no password'),
    signUp({ email: fresh(1), password: 'short', password_confirmation: 'short' }, 422, 'a password under 12 characters'),
    signUp({ email: fresh(1), password: 'x'.repeat(129), password_confirmation: 'x'.repeat(129) }, 422, 'a password over 128 characters'),
    signUp({ email: fresh(1), password, password_confirmation: `${password}!` }, 422, 'the confirmation differs'),
    signUp({ email: `${'a'.repeat(300)}@example.com`, password, password_confirmation: password }, 422, 'an email over 254 characters'),
    signUp({ email: 'nul\u0000@example.com', password, password_confirmation: password }, 422, 'a NUL in the email is not an email'),
    signUp({ email: '\ud800@example.com', password, password_confirmation: password }, 422, 'an unpaired surrogate in the email'),
    signUp({ email: [fresh(2), fresh(3)], password, password_confirmation: password }, 422, 'two emails: a list is not an email'),
    signUp({ email: "x' OR 1=1 --", password, password_confirmation: password }, 422, 'SQL in the email is just not an email'),
    signUp({ email: member.email.toUpperCase(), password, password_confirmation: password }, 422, 'a taken email, in other case'),
    signUp({ email: fresh(4), password: `${password}\u0000nul`, password_confirmation: `${password}\u0000nul` }, 303, 'any characters make a password, NUL too', { adds: { accounts: 1 }, location: '/' }),
    signUp({ email: fresh(5), password, password_confirmation: password, next: '//evil.example/' }, 303, 'a valid sign-up; next leaving the site is dropped', { adds: { accounts: 1 }, location: '/' }),
    { ...signUp({ email: fresh(6), password, password_confirmation: password }, 403, 'no Origin: the CSRF check refuses it'), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
    { ...signUp({}, 415, 'JSON is not a form'), headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify({ email: fresh(7), password, password_confirmation: password }) },

    signIn({}, 422, 'nothing sent'),
    signIn({ email: member.email }, 422, 'no password'),
    signIn({ email: member.email, password: 'p'.repeat(10_000) }, 422, 'a password past the longest allowed is refused before hashing'),
    signIn({ email: member.email, password: 'not the password' }, 422, 'a wrong password'),
    signIn({ email: fresh(99), password }, 422, 'an unknown email, answered as a wrong password'),
    signIn({ email: [member.email, member.email], password }, 422, 'two emails'),
    signIn({ email: member.email, password: [password, password] }, 422, 'two passwords'),
    signIn({ email: ` ${member.email.toUpperCase()} `, password, next: '/projects' }, 303, 'case and spaces around the email do not matter', { location: '/projects' }),
    signIn({ email: member.email, password, next: '/\\evil.example' }, 303, 'a backslash path would leave the site', { location: '/' }),
    signIn({ email: member.email, password, next: 'javascript:alert(1)' }, 303, 'not a path', { location: '/' }),
    { ...signIn({ email: member.email, password }, 403, 'another site\'s form'), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' } },

    { group: 'sign-out', method: 'POST', path: '/signout', ...form(origin, {}), status: 303, why: 'no session: signing out is harmless', location: '/' },
    { group: 'sign-out', method: 'POST', path: '/signout', ...form(origin, {}, 'session=not-a-session'), status: 303, why: 'an unknown session', location: '/' },
    { group: 'sign-out', method: 'POST', path: '/signout', headers: { Cookie: member.cookie }, status: 415, why: 'no form body: refused before anything runs' },
    { group: 'sign-out', method: 'POST', path: '/signout', headers: { Cookie: member.cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body: '', status: 403, why: 'a form without Origin: the CSRF check refuses it (the session stays)' },
    { group: 'sign-out', method: 'GET', path: '/signout', status: 404, why: 'sign-out is a POST only' },

    ...[
      ['session=', 'an empty session cookie'],
      [`session=${'A'.repeat(4000)}`, 'a 4 kB session cookie'],
      ['session=%ZZ%00', 'a cookie that does not decode'],
      ['session=a; session=b', 'the cookie twice'],
      [`session=${member.cookie.slice('session='.length).slice(0, -1)}`, 'a session token one character short'],
    ].map(([cookie, why]): AuthCase => ({ group: 'cookie', method: 'GET', path: '/projects', headers: { Cookie: cookie! }, status: 303, why: `${why}: nobody is signed in`, location: '/signin?next=%2Fprojects' })),
    { group: 'cookie', method: 'GET', path: '/api/projects', headers: { Cookie: 'session=forged' }, status: 401, why: 'a forged session on the API' },

    ...[`/project/${theirs}`, `/project/${theirs}/edit`, `/project/${theirs}/delete`, `/api/projects/${theirs}`, '/project/abc', '/project/0', '/project/-1', '/project/1e3', '/project/99999999999999999999', '/api/projects/%00', `/project/${theirs}%20`].map(
      (path): AuthCase => ({ group: 'owned', method: 'GET', path, headers: signedIn, status: 404, why: "another account's project, or no project: the same 404" }),
    ),
    { group: 'owned', method: 'POST', path: `/project/${theirs}/edit`, ...form(origin, { name: 'Taken over' }, member.cookie), status: 404, why: "an edit of another account's project" },
    { group: 'owned', method: 'POST', path: `/project/${theirs}/delete`, ...form(origin, {}, member.cookie), status: 404, why: "a delete of another account's project" },
    { group: 'owned', method: 'PATCH', path: `/api/projects/${theirs}`, headers: { ...signedIn, 'Content-Type': 'application/json' }, body: '{"name":"Taken over"}', status: 404, why: "an API edit of another account's project" },
    { group: 'owned', method: 'DELETE', path: `/api/projects/${theirs}`, headers: signedIn, status: 404, why: "an API delete of another account's project" },
    { group: 'owned', method: 'POST', path: '/api/projects', headers: { ...signedIn, 'Content-Type': 'application/json' }, body: `{"name":"Mine","ownerId":1,"id":${theirs}}`, status: 201, why: 'ownerId and id in a body are ignored: the row is new and the account\'s own', adds: { projects: 1 } },
    { group: 'owned', method: 'POST', path: '/projects/create', ...form(origin, { name: 'nul\u0000name' }, member.cookie), status: 422, why: 'a NUL cannot be stored' },
    ...[String(theirs), 'abc', '1.5', '-1', '99999999999999999999', ''].map(
      (projectId): AuthCase => ({ group: 'owned', method: 'POST', path: '/tasks/create', ...form(origin, { title: 'A task', projectId }, member.cookie), status: 422, why: `projectId "${projectId}": not a project of this account` }),
    ),
    { group: 'owned', method: 'POST', path: '/tasks/create', ...form(origin, { title: 'A task', projectId: String(mine) }, member.cookie), status: 303, why: "the account's own project" },
    { group: 'owned', method: 'POST', path: '/api/projects', headers: { 'Content-Type': 'application/json' }, body: '{"name":"Anonymous"}', status: 401, why: 'nobody signed in' },
    { group: 'owned', method: 'GET', path: `/project/${mine}`, status: 303, why: 'nobody signed in: sent to sign in', location: `/signin?next=%2Fproject%2F${mine}` },

    ...[
      ['Bearer', 401, 'Bearer without a token'],
      ['Bearer ', 401, 'Bearer and a space'],
      [`Bearer ${token} extra`, 401, 'a token and more'],
      [`Bearer ${token.slice(0, -1)}`, 401, 'a token one character short'],
      [`Bearer ${'x'.repeat(8000)}`, 401, 'an 8 kB token'],
      ['Bearer ../../etc/passwd', 401, 'a path for a token'],
      ['Bearer \u00e9t\u00e9', 401, 'characters no token has'],
      ['Basic dXNlcjpwYXNz', 200, 'another scheme is not ours: the request goes on as nobody, and notes are open to read'],
      [`bearer ${token}`, 200, 'the scheme in lower case is the same scheme'],
    ].map(([authorization, status, why]): AuthCase => ({ group: 'bearer', method: 'GET', path: '/api/notes', headers: { Authorization: String(authorization) }, status: Number(status), why: String(why) })),
    { group: 'bearer', method: 'GET', path: `/api/projects/${mine}`, headers: { Authorization: `Bearer ${token}` }, status: 200, why: "the token's own project" },
    { group: 'bearer', method: 'GET', path: `/api/projects/${theirs}`, headers: { Authorization: `Bearer ${token}` }, status: 404, why: "another account's project, by token too" },
    { group: 'bearer', method: 'GET', path: `/api/projects/${mine}`, headers: { Authorization: 'Bearer wrong', Cookie: member.cookie }, status: 401, why: 'a bad token is refused even beside a good session' },

    ...[
      ['not json', 400, 'malformed JSON'],
      ['[]', 422, 'not an object: an invalid body'],
      ['{}', 401, 'no credentials'],
      [JSON.stringify({ email: member.email }), 401, 'no password'],
      [JSON.stringify({ email: [member.email], password }), 401, 'a list for the email'],
      [JSON.stringify({ email: member.email, password: 'wrong password' }), 401, 'a wrong password'],
      [JSON.stringify({ email: member.email, password: 'p'.repeat(10_000) }), 401, 'an overlong password'],
      [JSON.stringify({ email: member.email, password, name: 'n'.repeat(1000) }), 422, 'an overlong name'],
      [JSON.stringify({ email: member.email, password, name: 'nul\u0000' }), 422, 'a NUL in the name'],
      [JSON.stringify({ email: member.email, password, name: 'fuzz' }), 201, 'a token'],
    ].map(([body, status, why]): AuthCase => ({ group: 'tokens', method: 'POST', path: '/api/tokens', headers: { 'Content-Type': 'application/json' }, body: String(body), status: Number(status), why: String(why) })),
    { group: 'tokens', method: 'POST', path: '/api/tokens', ...form(origin, { email: member.email, password }), status: 415, why: 'a form is not JSON' },
    { group: 'tokens', method: 'POST', path: '/account/tokens/1/delete', ...form(origin, {}), status: 303, why: 'nobody signed in: sent to sign in', location: '/signin?next=%2Faccount%2Ftokens%2F1%2Fdelete' },
    ...[
      [{}, 422, 'no email'],
      [{ email: 'not an email' }, 422, 'not an email'],
      [{ email: [fresh(20), fresh(21)] }, 422, 'two emails'],
      [{ email: `${'a'.repeat(300)}@example.com` }, 422, 'an email over 254 characters'],
      [{ email: fresh(22) }, 200, 'an email without an account gets the same page as one with'],
    ].map(([fields, status, why]): AuthCase => ({ group: 'reset', method: 'POST', path: '/password/forgot', ...form(origin, fields as Record<string, string>), status: Number(status), why: String(why) })),
    { group: 'reset', method: 'POST', path: '/password/forgot', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `email=${fresh(23)}`, status: 403, why: 'no Origin: the CSRF check refuses it' },
    ...['abc', 'A'.repeat(43), '%00', `${'A'.repeat(43)}/..`, 'A'.repeat(5000)].map((token): AuthCase => ({ group: 'reset', method: 'GET', path: `/password/reset/${token}`, status: 404, why: 'no such link' })),
    { group: 'reset', method: 'POST', path: `/password/reset/${'A'.repeat(43)}`, ...form(origin, { password, password_confirmation: password }), status: 404, why: 'no such link: nothing is set' },
    ...['abc', '-1', '99999999999999999999', '%00'].map((id): AuthCase => ({ group: 'tokens', method: 'POST', path: `/account/tokens/${id}/delete`, ...form(origin, {}, member.cookie), status: 404, why: `token id "${id}": none of the account's` })),
  ]
}

const fixture = join(repoRoot, 'test/fixtures/accounts.yaml')

describe('fuzz: hostile requests over HTTP against the routes of accounts and owned rows', () => {
  let generated: GeneratedApp
  let app: RunningApp
  let port: number
  let db: Database.Database

  beforeAll(async () => {
    generated = generateApp('authfuzz', ['--models', fixture])
    app = await generated.start('dev', { NODE_ENV: 'development' })
    port = Number(new URL(app.url).port)
    db = new Database(generated.dbFile, { fileMustExist: true })
  })

  afterAll(async () => {
    db?.close()
    await app?.stop()
  })

  const count = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
  const sessionOf = (answer: RawAnswer) => [answer.headers['set-cookie'] ?? []].flat().find((header) => header.startsWith('session='))?.split(';')[0]

  async function signUp(email: string) {
    const answer = await sendRaw(port, { method: 'POST', path: '/signup', ...form(app.url, { email, password, password_confirmation: password }) })
    expect(answer.status).toBe(303)
    return { email, cookie: sessionOf(answer)! }
  }

  async function createProject(cookie: string, name: string) {
    const answer = await sendRaw(port, { method: 'POST', path: '/api/projects', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ name }) })
    expect(answer.status, answer.body).toBe(201)
    return (JSON.parse(answer.body) as { id: number }).id
  }

  function judge(c: AuthCase, answer: RawAnswer, before: { accounts: number; projects: number }): string[] {
    const problems: string[] = []
    if (answer.status >= 500) problems.push(`a ${answer.status}: a server error`)
    else if (answer.status !== c.status) problems.push(`status ${answer.status}, expected ${c.status}`)
    if (c.location !== undefined && answer.headers.location !== c.location) problems.push(`redirected to ${answer.headers.location}, expected ${c.location}`)
    if (answer.headers['x-content-type-options'] !== 'nosniff') problems.push('no secure headers')
    if (/\n\s+at .+:\d+:\d+/.test(answer.body) || /node_modules|PrismaClient|\.tsx?:\d+/.test(answer.body)) problems.push('a stack trace or internals in the body')
    const accounts = count('account') - before.accounts
    const projects = count('project') - before.projects
    if (accounts !== (c.adds?.accounts ?? 0)) problems.push(`${accounts} accounts added, expected ${c.adds?.accounts ?? 0}`)
    if (projects !== (c.adds?.projects ?? 0)) problems.push(`${projects} projects added, expected ${c.adds?.projects ?? 0}`)
    return problems
  }

  it('answers each with the right status, writes only what it accepts, and logs no error', async () => {
    const member = await signUp('member@example.com')
    const other = await signUp('other@example.com')
    const theirs = await createProject(other.cookie, 'Not yours')
    const mine = await createProject(member.cookie, 'Yours')
    const issued = await sendRaw(port, { method: 'POST', path: '/api/tokens', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: member.email, password }) })
    expect(issued.status, issued.body).toBe(201)
    const { token } = JSON.parse(issued.body) as { token: string }
    const theirsBefore = db.prepare('select * from project where id = ?').get(theirs)
    const cases = buildCases({ origin: app.url, member, theirs, mine, token })
    expect(cases.length).toBeGreaterThanOrEqual(100)

    const failures: string[] = []
    for (const [index, c] of cases.entries()) {
      // Every request comes from 127.0.0.1: the sign-in failures of earlier cases must not rate-limit this one.
      db.prepare('delete from sign_in_failure').run()
      const before = { accounts: count('account'), projects: count('project') }
      const logFrom = app.output().length
      let problems: string[]
      try {
        problems = judge(c, await sendRaw(port, c), before)
      } catch (error) {
        problems = [`no answer: ${(error as Error).message}`]
      }
      if (problems.length > 0) {
        const log = app.output().slice(logFrom).trim()
        failures.push(`#${index} [${c.group}] ${c.method} ${c.path.slice(0, 120)}: ${c.why}\n    problems: ${problems.join('; ')}${log ? `\n    app log: ${log.slice(0, 1500)}` : ''}`)
      }
    }
    expect(failures, failures.join('\n')).toEqual([])
    // The other account's project is as it was, and the member's session still works.
    expect(db.prepare('select * from project where id = ?').get(theirs)).toEqual(theirsBefore)
    expect((await sendRaw(port, { method: 'GET', path: `/project/${mine}`, headers: { Cookie: member.cookie } })).status).toBe(200)
    // The app's error handler logs every unexpected error before answering 500: there must be none.
    expect(app.output()).not.toMatch(/error|exception|\n\s+at /i)
  }, 240_000)
})
