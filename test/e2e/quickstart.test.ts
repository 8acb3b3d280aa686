import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateApp, type GeneratedApp } from '../support/generated-app.js'
import { scratchDir } from '../support/paths.js'
import type { RunningApp } from '../support/server.js'
import { printedNextSteps, runYo } from '../support/yo.js'

/**
 * What a user does with the seed's Quick Start: the real `yo dbapp`, `npm install`,
 * `npx prisma db push`, `npm run dev`, then the seed's flow over HTTP.
 */
describe('quickstart, end to end with the real yo, prisma and server', () => {
  let generated: GeneratedApp
  let appDir: string
  let app: RunningApp

  beforeAll(async () => {
    generated = generateApp('quickstart', ['--yes'])
    appDir = generated.dir
    const { yo } = generated
    // Yeoman lists the files as it writes them (on stderr), then the generator prints the next steps.
    expect(yo.status, yo.stderr).toBe(0)
    expect(yo.stderr).toContain('create quickstart/src/routes/users.tsx')
    expect(yo.stderr).not.toMatch(/^Error/m)
    expect(yo.stdout + yo.stderr).toContain('cd quickstart\n  npm install\n  npm run db:push\n  npm run dev')
    app = await generated.start('dev')
  })

  afterAll(async () => {
    await app?.stop()
  })

  const get = (path: string) => fetch(app.url + path, { redirect: 'manual' })
  /** Posts a form as the browser does from the app's own page (the Origin passes the CSRF check). */
  const post = (path: string, form: Record<string, string>) =>
    fetch(app.url + path, { method: 'POST', body: new URLSearchParams(form), headers: { Origin: app.url }, redirect: 'manual' })

  it('created the SQLite file dev.db in the app folder with the table user', () => {
    const db = new Database(join(appDir, 'dev.db'), { readonly: true })
    const columns = db.prepare("select name from pragma_table_info('user')").all()
    db.close()
    expect(columns).toEqual([{ name: 'id' }, { name: 'username' }, { name: 'email' }])
  })

  it('walks the seed: list, create, order, detail, 404s, delete', async () => {
    const empty = await get('/users')
    expect(empty.status).toBe(200)
    expect(await empty.text()).toContain('No users yet.')

    const bob = await post('/users/create', { username: 'bob', email: 'bob@example.com' })
    expect(bob.status).toBe(303)
    expect(bob.headers.get('location')).toMatch(/^\/user\/\d+$/)
    const alice = await post('/users/create', { username: 'alice', email: 'alice@example.com' })
    expect(alice.status).toBe(303)
    const alicePath = alice.headers.get('location') ?? ''
    expect(alicePath).toMatch(/^\/user\/\d+$/)

    const list = await (await get('/users')).text()
    expect(list.indexOf('>alice<')).toBeGreaterThan(-1)
    expect(list.indexOf('>alice<')).toBeLessThan(list.indexOf('>bob<'))

    const detail = await get(alicePath)
    expect(detail.status).toBe(200)
    expect(await detail.text()).toContain('alice@example.com')

    for (const path of ['/user/999999', '/user/abc']) {
      const missing = await get(path)
      expect(missing.status, path).toBe(404)
      expect(await missing.text()).toContain('404 Not Found')
    }

    const confirm = await get(`${alicePath}/delete`)
    expect(confirm.status).toBe(200)
    expect(await confirm.text()).toContain('Delete user alice?')
    const deleted = await post(`${alicePath}/delete`, {})
    expect(deleted.status).toBe(303)
    expect(deleted.headers.get('location')).toBe('/users')

    const db = new Database(join(appDir, 'dev.db'), { readonly: true })
    const rows = db.prepare('select username from user order by username').all()
    db.close()
    expect(rows).toEqual([{ username: 'bob' }])
  })

  it("passes the generated app's own tests and type-checks", () => {
    const test = spawnSync('npm', ['test'], { cwd: appDir, encoding: 'utf8', env: { ...process.env, CI: 'true' } })
    expect(test.status, test.stdout + test.stderr).toBe(0)
    expect(stripVTControlCharacters(test.stdout)).toMatch(/Tests\s+\d+ passed \(\d+\)/)
    const build = spawnSync('npm', ['run', 'build'], { cwd: appDir, encoding: 'utf8' })
    expect(build.status, build.stdout + build.stderr).toBe(0)
    expect(existsSync(join(appDir, 'dist', 'server.js'))).toBe(true)
  }, 180_000)
})

describe('the real yo refuses what it cannot do, and writes nothing', () => {
  it('fails at once without a terminal when an answer is missing, naming the options', () => {
    const dir = scratchDir('e2e-notty')
    const yo = runYo(['dbapp', 'myapp', '--skip-install'], dir)
    expect(yo.status).not.toBe(0)
    expect(yo.stderr).toContain('stdin is not a terminal')
    expect(yo.stderr).toContain('--models FILE')
    expect(yo.stderr).toContain('--yes')
    expect(readdirSync(dir)).toEqual([])
  })

  it('reports every problem of a bad models file without a stack trace', () => {
    const dir = scratchDir('e2e-bad')
    writeFileSync(join(dir, 'models.yaml'), 'models:\n  User:\n    fields:\n      username: strng:uniq\n      email: string?\n')
    const yo = runYo(['dbapp', 'bad', '--models', 'models.yaml', '--skip-install'], dir)
    expect(yo.status).not.toBe(0)
    expect(yo.stderr).toContain('User.username: has an unknown type "strng". Fix: did you mean "string"?')
    expect(yo.stderr).toContain('User.username: has an unknown modifier "uniq". Fix: did you mean "unique"?')
    expect(yo.stderr).not.toMatch(/\n\s+at /)
    expect(readdirSync(dir)).toEqual(['models.yaml'])
  })

  it('exits non-zero when the npm install it runs fails, and keeps `npm install` in the next steps', () => {
    const dir = scratchDir('e2e-noinstall')
    // A registry that refuses every connection (loopback, discard port), no retries, and an empty cache.
    const npm = { npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0', npm_config_cache: scratchDir('e2e-noinstall-cache') }
    const yo = runYo(['dbapp', 'blog', '--yes'], dir, npm)
    expect(yo.status, yo.stdout + yo.stderr).toBe(1)
    expect(yo.stdout + yo.stderr).toContain('npm install failed')
    expect(printedNextSteps(yo.stdout + yo.stderr).steps).toEqual(['cd blog', 'npm install', 'npm run db:push', 'npm run dev'])
    expect(existsSync(join(dir, 'blog', 'package.json'))).toBe(true)
  })
})
