import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import Database from 'better-sqlite3'
import mariadb, { type Connection } from 'mariadb'
import pg from 'pg'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { describeApp } from '../../src/model/describe.js'
import { browserArgs, browserAvailable, chromiumPath } from '../support/browser.js'
import { parseModelsFile } from '../../src/parse/models-file.js'
import { installApp } from '../support/app-install.js'
import { generateApp, type GeneratedApp } from '../support/generated-app.js'
import { startInbox, type Inbox } from '../support/inbox.js'
import { mysqlDdl } from '../support/mysql-ddl.js'
import { repoRoot } from '../support/paths.js'
import { postForm, type RunningApp } from '../support/server.js'
import { serverAvailable, servers } from '../support/servers.js'
import { runYo } from '../support/yo.js'

const fixture = join(repoRoot, 'test/fixtures/accounts.yaml')
/** The browser steps need Debian's chromium: skipped with a printed reason without it, or failing in CI. */
const hasBrowser = browserAvailable()
const screenshots = join(repoRoot, 'test-artifacts', 'accounts')

const password = 'correct horse battery staple'
let emails = 0
const newEmail = () => `someone-${process.pid}-${++emails}@example.com`

/** The Set-Cookie header of the session cookie (a response may set a notice too), or undefined. */
const setSession = (response: Response) => response.headers.getSetCookie().find((header) => header.startsWith('session='))

/** The session cookie a response sets, as a browser sends it back; undefined when it sets none. */
const sessionCookie = (response: Response) => setSession(response)?.split(';')[0]

/** Who the page says is signed in with a cookie (beside the sign-out button), or undefined. */
async function signedInAs(app: RunningApp, cookie: string) {
  const html = await (await fetch(`${app.url}/signin`, { headers: { Cookie: cookie } })).text()
  return /<span>([^<]+)<\/span>\s*<button type="submit">Sign out/.exec(html)?.[1]
}

const withCookie = (app: RunningApp, path: string, form: Record<string, string>, cookie: string) =>
  fetch(app.url + path, { method: 'POST', body: new URLSearchParams(form), headers: { Origin: app.url, Cookie: cookie }, redirect: 'manual' })

async function signUp(app: RunningApp, email = newEmail()) {
  const response = await postForm(app, '/signup', { email, password, password_confirmation: password })
  expect(response.status).toBe(303)
  return { email, cookie: sessionCookie(response)! }
}

/** npm test in the app: its own generated tests, on a database of their own. */
function appTests(dir: string) {
  const run = spawnSync('npm', ['test'], { cwd: dir, encoding: 'utf8', timeout: 600_000, env: { ...process.env, CI: 'true' } })
  return { status: run.status, output: stripVTControlCharacters(`${run.stdout}\n${run.stderr}`) }
}

/** The rules of accounts over HTTP, in short, for an app on any database (the SQLite app below is checked at length). */
async function checkAccounts(app: RunningApp) {
  const anonymous = await postForm(app, '/notes/create', { title: 'Hello' })
  expect(anonymous.headers.get('location')).toBe('/signin?next=%2Fnotes%2Fcreate')
  const { email, cookie: before } = await signUp(app)
  const signIn = await withCookie(app, '/signin', { email, password }, before)
  const after = sessionCookie(signIn)!
  expect(after).not.toBe(before)
  expect(await signedInAs(app, before)).toBeUndefined()
  expect((await withCookie(app, '/notes/create', { title: 'Hello' }, after)).status).toBe(303)
  const failures = await Promise.all(Array.from({ length: 10 }, (_, i) => postForm(app, '/signin', { email, password: `wrong ${i}` })))
  expect(failures.map((response) => response.status)).toEqual(Array(10).fill(422))
  expect((await postForm(app, '/signin', { email, password })).status).toBe(429)
}

/** `npm run admin -- <email>` in the app, as its README tells: the account becomes an admin. */
function makeAdmin(dir: string, email: string, env: Record<string, string> = {}) {
  const run = spawnSync('npm', ['run', 'admin', '--', email], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } })
  expect(run.status, run.stdout + run.stderr).toBe(0)
  expect(run.stdout).toContain(`${email} is now an admin.`)
}

/** The SQLite app of the first block below, which the password reset block at the end of the file serves again. */
let generated: GeneratedApp

/**
 * access: owner over HTTP: another account's project is a 404 on every page and in the API, its id a field error
 * in a task form, an anonymous visitor is sent to sign in; once made an admin (`npm run admin`), that account reaches it.
 */
async function checkOwners(app: RunningApp, admin: (email: string) => void) {
  const owner = await signUp(app)
  const other = await signUp(app)
  const created = await withCookie(app, '/projects/create', { name: 'Kept to myself' }, owner.cookie)
  expect(created.status).toBe(303)
  const path = created.headers.get('location')!
  const id = path.split('/').pop()!
  const get = (url: string, cookie?: string) => fetch(app.url + url, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' })
  expect((await get(path, owner.cookie)).status).toBe(200)
  for (const url of [path, `${path}/edit`, `${path}/delete`, `/api/projects/${id}`]) expect((await get(url, other.cookie)).status, url).toBe(404)
  expect((await withCookie(app, `${path}/delete`, {}, other.cookie)).status).toBe(404)
  expect(await (await get('/projects', other.cookie)).text()).not.toContain('Kept to myself')
  expect(((await (await get('/api/projects', other.cookie)).json()) as { total: number }).total).toBe(0)
  const task = await withCookie(app, '/tasks/create', { title: 'Sneaked in', projectId: id }, other.cookie)
  expect(task.status).toBe(422)
  expect(await get('/api/tasks', other.cookie).then((response) => response.json())).toMatchObject({ total: 0 })
  expect((await get(path)).headers.get('location')).toBe(`/signin?next=${encodeURIComponent(path)}`)
  expect((await get('/api/projects')).status).toBe(401)
  admin(other.email)
  expect((await get(path, other.cookie)).status).toBe(200)
  expect(await (await get(path, owner.cookie)).text()).toContain('Kept to myself')
}

/**
 * An app with accounts from its models file (test/fixtures/accounts.yaml: Note is signed-in, Comment public, Project and
 * Task owned), over
 * real HTTP: two server processes on one SQLite file, as `npm run dev` serves it.
 */
describe('accounts, end to end with the real yo, prisma and servers', () => {
  let first: RunningApp
  let second: RunningApp

  beforeAll(async () => {
    generated = generateApp('accounts', ['--models', fixture])
    // The tests run with NODE_ENV=test, which the app's .env (NODE_ENV=development) does not override.
    ;[first, second] = await Promise.all([generated.start('dev', { NODE_ENV: 'development' }), generated.start('dev', { NODE_ENV: 'development' })])
  })

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()])
  })

  beforeEach(() => {
    // Every request of these tests comes from 127.0.0.1: failures of one test must not rate-limit the next.
    const db = new Database(generated.dbFile)
    db.prepare('DELETE FROM sign_in_failure').run()
    db.close()
  })

  it('starts a new session at sign-in (no fixation) and ends the old one on the server', async () => {
    const { email, cookie: before } = await signUp(first)
    expect(await signedInAs(first, before)).toBe(email)
    const response = await withCookie(first, '/signin', { email, password }, before)
    expect(response.status).toBe(303)
    const after = sessionCookie(response)!
    expect(after).toMatch(/^session=[\w-]{43}$/)
    expect(after).not.toBe(before)
    expect(await signedInAs(second, after)).toBe(email)
    expect(await signedInAs(second, before)).toBeUndefined()
    const out = await withCookie(second, '/signout', {}, after)
    expect(out.status).toBe(303)
    expect(await signedInAs(first, after)).toBeUndefined()
  })

  it('sets the cookie HttpOnly and SameSite=Lax, and Secure unless NODE_ENV=development', async () => {
    const dev = await postForm(first, '/signup', { email: newEmail(), password, password_confirmation: password })
    expect(setSession(dev)).toMatch(/^session=[\w-]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/)
    expect(readFileSync(join(generated.dir, '.env'), 'utf8')).toMatch(/^NODE_ENV=development$/m)
    const production = await generated.start('dev', { NODE_ENV: 'production' })
    try {
      const response = await postForm(production, '/signup', { email: newEmail(), password, password_confirmation: password })
      expect(setSession(response)).toMatch(/^session=[\w-]+; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Lax$/)
    } finally {
      await production.stop()
    }
  })

  it('counts failed sign-ins in the database: the limit holds across two server processes', async () => {
    const { email } = await signUp(first)
    const failures = await Promise.all(Array.from({ length: 10 }, (_, i) => postForm(i % 2 ? first : second, '/signin', { email, password: `wrong ${i}` })))
    expect(failures.map((response) => response.status)).toEqual(Array(10).fill(422))
    for (const app of [first, second]) {
      const refused = await postForm(app, '/signin', { email, password })
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800)
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(900)
      expect(sessionCookie(refused)).toBeUndefined()
    }
    // Per client address too: another email from the same address is refused as well.
    expect((await postForm(second, '/signin', { email: newEmail(), password })).status).toBe(429)
  })

  it('answers an unknown email as a wrong password, in about the same time', async () => {
    const { email } = await signUp(first)
    const timed = async (form: Record<string, string>) => {
      const start = performance.now()
      const response = await postForm(first, '/signin', form)
      const body = (await response.text()).replace(/value="[^"]*@[^"]*"/, '')
      return { status: response.status, body, ms: performance.now() - start }
    }
    const wrong: Awaited<ReturnType<typeof timed>>[] = []
    const unknown: Awaited<ReturnType<typeof timed>>[] = []
    for (let i = 0; i < 3; i++) {
      wrong.push(await timed({ email, password: 'not the password' }))
      unknown.push(await timed({ email: newEmail(), password: 'not the password' }))
    }
    expect(new Set([...wrong, ...unknown].map((answer) => `${answer.status} ${answer.body}`)).size).toBe(1)
    const median = (answers: { ms: number }[]) => answers.map((answer) => answer.ms).sort((a, b) => a - b)[1]!
    // Both run scrypt (a few hundred ms here); without the dummy hash an unknown email would answer in a few ms.
    expect(median(unknown)).toBeGreaterThan(median(wrong) / 2)
    expect(median(unknown)).toBeLessThan(median(wrong) * 2)
  })

  it('keeps no password and no session token in clear in the SQLite file, only the hash of the token', async () => {
    const email = newEmail()
    const unusual = 'a passphrase no one else uses 7f3c'
    const response = await postForm(first, '/signup', { email, password: unusual, password_confirmation: unusual })
    const token = sessionCookie(response)!.slice('session='.length)
    const stored = ['', '-wal'].map((suffix) => generated.dbFile + suffix).filter(existsSync).map((file) => readFileSync(file).toString('latin1')).join('')
    expect(stored).toContain(email)
    expect(stored).toContain(createHash('sha256').update(token).digest('hex'))
    expect(stored).not.toContain(unusual)
    expect(stored).not.toContain(token)
  })

  it('returns after sign-in to a same-site path only', async () => {
    const { email } = await signUp(first)
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', '/\t/evil.example', 'javascript:alert(1)']) {
      const response = await postForm(first, '/signin', { email, password, next })
      expect(response.status, next).toBe(303)
      expect(response.headers.get('location'), next).toBe('/')
    }
    const form = await (await fetch(`${first.url}/signin?next=${encodeURIComponent('//evil.example/')}`)).text()
    expect(form).toContain('<input type="hidden" name="next" value=""/>')
    const back = await postForm(first, '/signin', { email, password, next: '/notes/create' })
    expect(back.headers.get('location')).toBe('/notes/create')
  })

  it('sends anonymous writes to sign in (pages) or answers 401 (API); public models stay open', async () => {
    const page = await postForm(first, '/notes/create', { title: 'Hello' })
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe('/signin?next=%2Fnotes%2Fcreate')
    const api = await fetch(`${first.url}/api/notes`, { method: 'POST', body: '{"title":"Hello"}', headers: { 'Content-Type': 'application/json' } })
    expect(api.status).toBe(401)
    expect(api.headers.get('www-authenticate')).toBe('Bearer realm="accounts"')
    expect(api.headers.get('content-type')).toBe('application/problem+json')

    const { cookie } = await signUp(first)
    const created = await withCookie(first, '/notes/create', { title: 'Hello' }, cookie)
    expect(created.status).toBe(303)
    const note = created.headers.get('location')!.split('/').pop()!
    const comment = await postForm(second, '/comments/create', { text: 'Anyone may write here', noteId: note })
    expect(comment.status).toBe(303)
  })

  it("keeps each account's projects its own, and lets an admin made by `npm run admin` reach them", async () => {
    await checkOwners(first, (email) => makeAdmin(generated.dir, email))
  })

  it.skipIf(!hasBrowser)('takes a visitor from a form to sign-up and back, in a browser, with a notice at each step', async () => {
    mkdirSync(screenshots, { recursive: true })
    const browser = await chromium.launch({ executablePath: chromiumPath, args: browserArgs })
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 600 } })
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      // Chrome logs each error status as a console error; those are judged by path instead (it asks for /favicon.ico).
      page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && errors.push(message.text()))
      page.on('response', (response) => response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico' && errors.push(`${response.status()} ${response.url()}`))
      await page.goto(`${first.url}/notes/create`)
      expect(new URL(page.url()).pathname).toBe('/signin')
      await page.screenshot({ path: join(screenshots, '1-sign-in.png') })
      await page.click('text=No account yet? Sign up')
      await page.fill('input[name=email]', newEmail())
      await page.fill('input[name=password]', password)
      await page.fill('input[name=password_confirmation]', password)
      await page.screenshot({ path: join(screenshots, '2-sign-up.png') })
      await page.click('button:has-text("Sign up")')
      expect(new URL(page.url()).pathname).toBe('/notes/create')
      expect(await page.textContent('.notice')).toBe('Welcome! Your account was created.')
      await page.fill('input[name=title]', 'Written in a browser')
      await page.click('button:has-text("Save")')
      expect(await page.textContent('.notice')).toBe('Note was created.')
      await page.screenshot({ path: join(screenshots, '3-created.png') })
      await page.reload()
      expect(await page.locator('.notice').count()).toBe(0)
      await page.click('button:has-text("Sign out")')
      expect(await page.textContent('.notice')).toBe('Signed out.')
      await page.screenshot({ path: join(screenshots, '4-signed-out.png') })
      expect(errors).toEqual([])
    } finally {
      await browser.close()
    }
  })

  it('type-checks, tests included, and builds (tsc, npm run build)', () => {
    for (const [command, ...args] of [['npx', 'tsc', '--noEmit'], ['npm', 'run', 'build']] as const) {
      const run = spawnSync(command, args, { cwd: generated.dir, encoding: 'utf8' })
      expect(run.status, `${command} ${args.join(' ')}\n${run.stdout}${run.stderr}`).toBe(0)
    }
    expect(existsSync(join(generated.dir, 'dist', 'admin.js'))).toBe(true)
  }, 300_000)

  it("passes the app's own tests (npm test) right after generation", () => {
    const { status, output } = appTests(generated.dir)
    expect(status, output.slice(-3000)).toBe(0)
    expect(output).toMatch(/Tests +\d+ passed/)
  }, 600_000)

  /** API tokens, over HTTP on the same two server processes: one hands a token out, the other takes it. */
  describe('API tokens', () => {
    const requestToken = (app: RunningApp, body: Record<string, string>) =>
      fetch(`${app.url}/api/tokens`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } })

    const writeNote = (app: RunningApp, token: string) =>
      fetch(`${app.url}/api/notes`, { method: 'POST', body: '{"title":"Written with a token"}', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } })

    it('hands out a token for the email and password, takes it as Authorization: Bearer, and refuses it once revoked on the account page', async () => {
      const { email, cookie } = await signUp(first)
      const wrong = await requestToken(first, { email, password: 'not the password' })
      expect(wrong.status).toBe(401)
      expect(wrong.headers.get('www-authenticate')).toBe('Bearer realm="accounts"')
      const response = await requestToken(first, { email, password, name: 'e2e script' })
      expect(response.status).toBe(201)
      const { id, token } = (await response.json()) as { id: string; token: string }
      expect((await writeNote(second, token)).status).toBe(201)
      const page = await (await fetch(`${second.url}/account`, { headers: { Cookie: cookie } })).text()
      expect(page).toContain('<td>e2e script</td>')
      expect(page).not.toContain(token)
      const revoked = await withCookie(second, `/account/tokens/${id}/delete`, {}, cookie)
      expect(revoked.status).toBe(303)
      for (const app of [first, second]) {
        const refused = await writeNote(app, token)
        expect(refused.status).toBe(401)
        expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="accounts", error="invalid_token"')
      }
    })

    it('keeps no API token in clear in the SQLite file, only its hash', async () => {
      const { email } = await signUp(first)
      const { token } = (await (await requestToken(first, { email, password })).json()) as { token: string }
      const stored = ['', '-wal'].map((suffix) => generated.dbFile + suffix).filter(existsSync).map((file) => readFileSync(file).toString('latin1')).join('')
      expect(stored).toContain(createHash('sha256').update(token).digest('hex'))
      expect(stored).not.toContain(token)
    })
  })
})

/** The quickstart app (the seed's User model), then `yo dbapp:auth` in it: User stays the app's data, Account is the login. */
describe('yo dbapp:auth in the quickstart app', () => {
  let generated: GeneratedApp

  beforeAll(() => {
    generated = generateApp('quickstart-auth', ['--yes'], {}, { push: false })
    const yo = runYo(['dbapp:auth', '--skip-install'], generated.dir)
    expect(yo.status, yo.stdout + yo.stderr).toBe(0)
    // Accounts bring dependencies (nodemailer): the install of an app with them is linked in, where yo would install.
    rmSync(join(generated.dir, 'node_modules'))
    installApp(generated.dir)
    execFileSync('npx', ['prisma', 'generate'], { cwd: generated.dir, stdio: 'pipe' })
    execFileSync('npx', ['prisma', 'db', 'push'], { cwd: generated.dir, stdio: 'pipe' })
  })

  it('turns accounts on beside the User model, and says so in the README', () => {
    expect(readFileSync(join(generated.dir, 'models.yaml'), 'utf8')).toMatch(/^auth: true$/m)
    const db = new Database(generated.dbFile, { readonly: true })
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all()
    db.close()
    expect(tables).toEqual([{ name: 'account' }, { name: 'account_session' }, { name: 'api_token' }, { name: 'password_reset' }, { name: 'sign_in_failure' }, { name: 'user' }])
    expect(readFileSync(join(generated.dir, 'README.md'), 'utf8')).toContain('is your data, not the login')
  })

  it("passes the app's own tests (npm test)", () => {
    const { status, output } = appTests(generated.dir)
    expect(status, output.slice(-3000)).toBe(0)
    expect(output).toMatch(/Tests +\d+ passed/)
  }, 600_000)
})

const postgres = await serverAvailable('postgresql')

/** The same app on the machine's PostgreSQL: pushed with the offline engine, served, and its own tests run there. */
describe.skipIf(!postgres)('accounts on PostgreSQL', () => {
  const name = `e2e_accounts_${process.pid}`
  const url = Object.assign(new URL(servers.postgresql.url), { pathname: `/${name}` }).toString()
  let generated: GeneratedApp
  let app: RunningApp

  beforeAll(async () => {
    generated = generateApp('pgaccounts', ['--models', fixture, '--database', 'postgresql'], { DATABASE_URL: url })
    app = await generated.start('dev', { NODE_ENV: 'development' })
  })

  afterAll(async () => {
    await app?.stop()
    const client = new pg.Client({ connectionString: servers.postgresql.url })
    await client.connect()
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await client.end()
  })

  it('signs up and in, refuses anonymous writes and rate-limits sign-in over HTTP', async () => {
    await checkAccounts(app)
  })

  it("keeps each account's projects its own; npm run admin makes an admin", async () => {
    await checkOwners(app, (email) => makeAdmin(generated.dir, email, { DATABASE_URL: url }))
  })

  it("passes the app's own tests on a throw-away database of the same server", () => {
    const run = spawnSync('npm', ['test'], { cwd: generated.dir, encoding: 'utf8', timeout: 600_000, env: { ...process.env, CI: 'true', DATABASE_URL: url } })
    expect(run.status, run.stdout + run.stderr).toBe(0)
    expect(stripVTControlCharacters(run.stdout)).toMatch(/Tests\s+\d+ passed \(\d+\)/)
  }, 600_000)
})

const maria = await serverAvailable('mysql')

/**
 * The same app on the machine's MariaDB. `prisma db push` cannot run for MySQL here (see test/e2e/mariadb.test.ts):
 * the tables come from test/support/mysql-ddl.ts, so the app's own tests, which push, are not run.
 */
describe.skipIf(!maria)('accounts on MariaDB', () => {
  const name = `e2e_accounts_${process.pid}`
  let app: RunningApp
  let connection: Connection
  let generated: GeneratedApp
  const env = { DATABASE_URL: `mysql://root@127.0.0.1:3306/${name}`, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true' }

  beforeAll(async () => {
    generated = generateApp('mariaaccounts', ['--models', fixture, '--database', 'mysql'], env, { push: false })
    const { definition, problems } = parseModelsFile(readFileSync(fixture, 'utf8'), 'accounts.yaml')
    connection = await mariadb.createConnection({ host: servers.mysql.host, port: servers.mysql.port, user: 'root' })
    await connection.query(`CREATE DATABASE \`${name}\``)
    await connection.query(`USE \`${name}\``)
    for (const statement of mysqlDdl(describeApp('mariaaccounts', definition, problems, 'mysql', 'node', 'true'))) await connection.query(statement)
    app = await generated.start('dev', { NODE_ENV: 'development' })
  })

  afterAll(async () => {
    await app?.stop()
    await connection?.query(`DROP DATABASE IF EXISTS \`${name}\``)
    await connection?.end()
  })

  it('signs up and in, refuses anonymous writes and rate-limits sign-in over HTTP', async () => {
    await checkAccounts(app)
    const [account] = await connection.query('SELECT passwordHash FROM account')
    expect(account.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/)
  })

  it("keeps each account's projects its own; npm run admin makes an admin", async () => {
    await checkOwners(app, (email) => makeAdmin(generated.dir, email, { DATABASE_URL: env.DATABASE_URL }))
  })

  it('resets a password through the link that development writes to the log when SMTP_URL is not set', async () => {
    // The sign-ins above failed from this address as often as the limit allows.
    await connection.query('DELETE FROM sign_in_failure')
    const { email } = await signUp(app)
    expect((await postForm(app, '/password/forgot', { email })).status).toBe(200)
    const path = await vi.waitFor(() => {
      const link = /^http:\/\/localhost:3000(\/password\/reset\/[\w-]{43})$/m.exec(app.output())
      if (!link) throw new Error('No reset link in the log yet')
      return link[1]!
    })
    const newPassword = 'a new passphrase on MariaDB'
    expect((await postForm(app, path, { password: newPassword, password_confirmation: newPassword })).status).toBe(303)
    expect((await postForm(app, '/signin', { email, password: newPassword })).status).toBe(303)
  })
})

/**
 * Password reset by mail, over real HTTP and SMTP: the SQLite app of the first block, served by a process of its own
 * whose SMTP_URL is an smtp-server run here. It answers each mail after a second, as a slow mail server would.
 */
describe('password reset by mail, end to end', () => {
  const appUrl = 'https://notes.example'
  const newPassword = 'a new passphrase for the e2e'
  const answerAfterMs = 1000
  let inbox: Inbox
  let app: RunningApp

  /** Asks for a link and reads it from the mail: it must be on APP_URL, whatever address the request went to. */
  async function mailedLink(email: string) {
    const response = await postForm(app, '/password/forgot', { email })
    expect(response.status).toBe(200)
    const { text } = await inbox.mailTo(email)
    const link = text.split(/\r?\n/).find((line) => line.startsWith(`${appUrl}/`))
    expect(link, text).toMatch(/^https:\/\/notes\.example\/password\/reset\/[\w-]{43}$/)
    const path = new URL(link!).pathname
    return { path, token: path.split('/').pop()! }
  }

  beforeAll(async () => {
    inbox = await startInbox({ answerAfterMs })
    app = await generated.start('dev', { NODE_ENV: 'development', SMTP_URL: inbox.url, APP_URL: appUrl })
  })

  afterAll(async () => {
    await app?.stop()
    await inbox?.close()
  })

  beforeEach(() => {
    // Requests for links count against the address as failed sign-ins do, and all come from 127.0.0.1.
    const db = new Database(generated.dbFile)
    db.prepare('DELETE FROM sign_in_failure').run()
    db.close()
  })

  it('mails a link that sets a new password once, ends the old session, and stores only the hash of the token', async () => {
    const { email, cookie } = await signUp(app)
    const { path, token } = await mailedLink(email)
    expect(await (await fetch(app.url + path)).text()).toContain('Choose a new password')
    const reset = await postForm(app, path, { password: newPassword, password_confirmation: newPassword })
    expect(reset.status).toBe(303)
    expect(reset.headers.get('location')).toBe('/signin')
    expect(await signedInAs(app, cookie)).toBeUndefined()
    expect((await postForm(app, '/signin', { email, password })).status).toBe(422)
    expect((await postForm(app, '/signin', { email, password: newPassword })).status).toBe(303)

    const again = await postForm(app, path, { password, password_confirmation: password })
    expect(again.status).toBe(404)
    expect(await again.text()).toContain('<a href="/password/forgot">Ask for a new link</a>')

    const stored = ['', '-wal'].map((suffix) => generated.dbFile + suffix).filter(existsSync).map((file) => readFileSync(file).toString('latin1')).join('')
    expect(stored).toContain(createHash('sha256').update(token).digest('hex'))
    expect(stored).not.toContain(token)
  })

  it('refuses an expired link, and the password stays as it was', async () => {
    const { email } = await signUp(app)
    const { path, token } = await mailedLink(email)
    const db = new Database(generated.dbFile)
    db.prepare('UPDATE password_reset SET expiresAt = createdAt WHERE id = ?').run(createHash('sha256').update(token).digest('hex'))
    db.close()
    expect((await fetch(app.url + path)).status).toBe(404)
    expect((await postForm(app, path, { password: newPassword, password_confirmation: newPassword })).status).toBe(404)
    expect((await postForm(app, '/signin', { email, password })).status).toBe(303)
  })

  it.skipIf(!hasBrowser)('walks an account through its life in a browser: sign-up, sign-in, an owned project, sign-out, a refused edit page, a mailed reset, the new password', async () => {
    const shots = join(screenshots, 'walk')
    mkdirSync(shots, { recursive: true })
    const browser = await chromium.launch({ executablePath: chromiumPath, args: browserArgs })
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 600 } })
      const unexpected: string[] = []
      // The one error status this walk expects is the 404 of another account's edit page.
      page.on('response', (response) => {
        const { pathname } = new URL(response.url())
        if (response.status() >= 400 && pathname !== '/favicon.ico' && !pathname.endsWith('/edit')) unexpected.push(`${response.status()} ${response.url()}`)
      })
      page.on('pageerror', (error) => unexpected.push(error.message))
      let step = 0
      const shot = (name: string) => page.screenshot({ path: join(shots, `${++step}-${name}.png`), fullPage: true })
      const signInAs = async (email: string, secret: string) => {
        await page.goto(`${app.url}/signin`)
        await page.fill('input[name=email]', email)
        await page.fill('input[name=password]', secret)
        await page.click('button:has-text("Sign in")')
      }
      const signOut = () => page.click('button:has-text("Sign out")')

      const email = newEmail()
      await page.goto(`${app.url}/signup`)
      await page.fill('input[name=email]', email)
      await page.fill('input[name=password]', password)
      await page.fill('input[name=password_confirmation]', password)
      await shot('sign-up')
      await page.click('button:has-text("Sign up")')
      expect(await page.textContent('.notice')).toBe('Welcome! Your account was created.')
      await signOut()
      await signInAs(email, password)
      expect(await page.textContent('.notice')).toBe('Signed in.')
      await shot('signed-in')

      await page.goto(`${app.url}/projects/create`)
      await page.fill('input[name=name]', 'A project of my own')
      await shot('new-project')
      await page.click('button:has-text("Save")')
      expect(await page.textContent('.notice')).toBe('Project was created.')
      const edit = `${new URL(page.url()).pathname}/edit`
      await shot('project')
      await signOut()
      expect(await page.textContent('.notice')).toBe('Signed out.')
      await shot('signed-out')

      // Anonymous, the edit page sends to sign in; as another account it is a 404, as if there were no project.
      await page.goto(app.url + edit)
      expect(new URL(page.url()).pathname).toBe('/signin')
      await shot('edit-page-anonymous')
      const other = newEmail()
      await page.goto(`${app.url}/signup`)
      await page.fill('input[name=email]', other)
      await page.fill('input[name=password]', password)
      await page.fill('input[name=password_confirmation]', password)
      await page.click('button:has-text("Sign up")')
      const refused = await page.goto(app.url + edit)
      expect(refused?.status()).toBe(404)
      expect(await page.content()).not.toContain('A project of my own')
      await shot('edit-page-other-account')
      await signOut()

      await page.goto(`${app.url}/signin`)
      await page.click('text=Forgot your password?')
      await page.fill('input[name=email]', email)
      await shot('forgot-password')
      await page.click('button:has-text("Mail me a link")')
      await shot('link-sent')
      const { text } = await inbox.mailTo(email)
      const link = text.split(/\r?\n/).find((line) => line.startsWith(`${appUrl}/password/reset/`))!
      await page.goto(app.url + new URL(link).pathname)
      await page.fill('input[name=password]', newPassword)
      await page.fill('input[name=password_confirmation]', newPassword)
      await shot('reset-password')
      await page.click('button:has-text("Change my password")')
      expect(new URL(page.url()).pathname).toBe('/signin')
      expect(await page.textContent('.notice')).toBe('Your password was changed. Sign in with the new one.')
      await shot('password-changed')

      await signInAs(email, password)
      expect(new URL(page.url()).pathname).toBe('/signin')
      await signInAs(email, newPassword)
      expect(await page.textContent('.notice')).toBe('Signed in.')
      await page.goto(app.url + edit)
      expect(await page.inputValue('input[name=name]')).toBe('A project of my own')
      await shot('signed-in-with-new-password')
      // The wrong old password answered 422: the one other error status of the walk.
      expect(unexpected.filter((entry) => !entry.startsWith('422 ') || !entry.endsWith('/signin'))).toEqual([])
    } finally {
      await browser.close()
    }
  }, 120_000)

  it('answers a known and an unknown email alike, without waiting for the mail server, and mails only the known one', async () => {
    const { email } = await signUp(app)
    const timed = async (form: Record<string, string>) => {
      const start = performance.now()
      const response = await postForm(app, '/password/forgot', form)
      return { answer: `${response.status} ${await response.text()}`, ms: performance.now() - start }
    }
    const unknown = newEmail()
    const answers = [await timed({ email: unknown }), await timed({ email }), await timed({ email: newEmail() }), await timed({ email })]
    expect(new Set(answers.map(({ answer }) => answer)).size).toBe(1)
    // Had the request waited for the mail, the known email's answers would take the mail server's second.
    for (const { ms } of answers) expect(ms).toBeLessThan(answerAfterMs / 2)
    await inbox.mailTo(email)
    expect(inbox.mails.filter((mail) => mail.to.includes(unknown))).toEqual([])
  })
})
