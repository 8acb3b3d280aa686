import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateApp, type GeneratedApp } from '../support/generated-app.js'
import type { RunningApp } from '../support/server.js'
import { dropPostgresDatabase, serverAvailable, servers } from '../support/servers.js'
import { runYo } from '../support/yo.js'

const postgres = await serverAvailable('postgresql')

/** A database of its own on the PostgreSQL test server, for one app; dropped afterwards. */
function throwawayPostgres() {
  const name = `e2e_regen_${randomBytes(4).toString('hex')}`
  const url = new URL(servers.postgresql.url)
  url.pathname = `/${name}`
  const drop = async () => {
    await dropPostgresDatabase(name)
  }
  return { url: url.toString(), drop }
}

const databases = [
  { database: 'sqlite', available: true },
  { database: 'postgresql', available: postgres },
]

/** A user customizes the generated code, then changes the model with the real `yo dbapp:model`. */
describe.each(databases)('customizations survive regeneration, end to end ($database)', ({ database, available }) => {
  let generated: GeneratedApp
  let app: RunningApp
  let yoOutput = ''
  let env: Record<string, string> = {}
  let drop = async () => {}
  const fields = ['username:string:unique', 'email:string?', 'age:int?', 'nickname:string?']

  const edit = (path: string, from: string, to: string) => {
    const file = join(generated.dir, path)
    const text = readFileSync(file, 'utf8')
    expect(text, `${path} should contain ${from}`).toContain(from)
    writeFileSync(file, text.replace(from, to))
  }
  const yo = (args: string[]) => {
    const run = runYo(args, generated.dir)
    return { status: run.status, output: run.stdout + run.stderr }
  }

  beforeAll(async () => {
    if (!available) return
    if (database === 'postgresql') {
      const throwaway = throwawayPostgres()
      env = { DATABASE_URL: throwaway.url }
      drop = throwaway.drop
    }
    generated = generateApp(`custom-${database}`, ['--yes', '--database', database], env)
    // A route: the list takes ?domain= to show only the users whose email is at that domain.
    edit(
      'src/routes/users.tsx',
      '  return c.html(<UserList page={await listUsers(c.var.db, query)} query={query} />)',
      [
        '  const page = await listUsers(c.var.db, query)',
        "  const domain = c.req.query('domain')",
        '  if (domain) page.items = page.items.filter((user) => user.email?.endsWith(`@${domain}`))',
        '  return c.html(<UserList page={page} query={query} />)',
      ].join('\n'),
    )
    // A view: the link to the form says something else.
    edit('src/views/users/list.tsx', 'New user</a>', 'Invite someone</a>')
    // A rule in the model's module: usernames are stored in lower case, from the form and the API alike.
    edit('src/models/users.ts', 'db.user.create({ data: input })', 'db.user.create({ data: { ...input, username: input.username.toLowerCase() } })')
    const run = yo(['dbapp:model', 'User', ...fields])
    yoOutput = run.output
    expect(run.status, yoOutput).toBe(0)
    execFileSync('npx', ['prisma', 'db', 'push'], { cwd: generated.dir, stdio: 'pipe', env: { ...process.env, ...env } })
    app = await generated.start()
  })

  afterAll(async () => {
    await app?.stop()
    await drop()
  })

  const post = (path: string, form: Record<string, string>) =>
    fetch(app.url + path, { method: 'POST', body: new URLSearchParams(form), headers: { Origin: app.url }, redirect: 'manual' })

  it.skipIf(!available)('merged the view and the module, kept the route, and said so', () => {
    expect(yoOutput).toContain('Merged your changes with the new output:')
    expect(yoOutput).toContain('  src/views/users/list.tsx')
    expect(yoOutput).toContain('  src/models/users.ts')
    expect(yoOutput).not.toContain('CONFLICTS')
    expect(readFileSync(join(generated.dir, 'src/routes/users.tsx'), 'utf8')).toContain("c.req.query('domain')")
    const module = readFileSync(join(generated.dir, 'src/models/users.ts'), 'utf8')
    expect(module).toContain('username: input.username.toLowerCase()')
    // The new text field joined the list's filter in the same file.
    expect(module).toContain('{ nickname: { contains: q')
    expect(readFileSync(join(generated.dir, 'prisma/schema.prisma'), 'utf8')).toContain(`provider = "${database}"`)
  })

  it.skipIf(!available)('serves the new fields and the customizations together', async () => {
    expect((await post('/users/create', { username: 'Ada', email: 'ada@example.com', age: '36', nickname: 'countess' })).status).toBe(303)
    expect((await post('/users/create', { username: 'bob', email: 'bob@elsewhere.org', age: '' })).status).toBe(303)
    expect((await post('/users/create', { username: 'cy', email: 'cy@example.com', age: 'old' })).status).toBe(422)
    const api = await fetch(`${app.url}/api/users`, { method: 'POST', body: JSON.stringify({ username: 'DORA' }), headers: { 'Content-Type': 'application/json' } })
    expect(await api.json()).toMatchObject({ username: 'dora' })

    const filtered = await (await fetch(`${app.url}/users?domain=example.com`)).text()
    expect(filtered).toContain('>ada<')
    expect(filtered).not.toContain('>bob<')
    expect(filtered).toContain('Invite someone</a>')
    expect(filtered).toContain('<th>Age</th>')
    expect(filtered).toContain('<td>36</td>')
    expect(await (await fetch(`${app.url}/users?q=countess`)).text()).toContain('>ada<')
    expect(await (await fetch(`${app.url}/users`)).text()).toContain('>bob<')
  })

  it.skipIf(!available)("still passes the app's own tests", () => {
    const test = spawnSync('npm', ['test'], { cwd: generated.dir, encoding: 'utf8', env: { ...process.env, CI: 'true', ...env } })
    expect(test.status, test.stdout + test.stderr).toBe(0)
    expect(stripVTControlCharacters(test.stdout)).toMatch(/Tests\s+\d+ passed/)
  }, 180_000)

  it.skipIf(!available)('writes conflict markers without waiting for input when both changed a line, and lists the file', () => {
    edit('src/views/users/list.tsx', '<th>Email</th>', '<th>E-mail address</th>')
    const run = yo(['dbapp:model', 'User', 'username:string:unique', 'email:string?:unique', 'age:int?', 'nickname:string?'])
    expect(run.status, run.output).toBe(0)
    expect(run.output).toContain('CONFLICTS: both you and the generator changed these lines; resolve the <<<<<<< markers:\n  src/views/users/list.tsx')
    expect(readFileSync(join(generated.dir, 'src/views/users/list.tsx'), 'utf8')).toContain('<<<<<<< yours')
  })

  it.skipIf(!available)('--dry-run prints the diff and writes nothing', () => {
    const before = readFileSync(join(generated.dir, 'src/schemas/user.ts'), 'utf8')
    const run = yo(['dbapp:model', 'User', 'username:string:unique', 'email:string?:unique', 'age:int?', 'nickname:string?', 'bio:text?', '--dry-run'])
    expect(run.status, run.output).toBe(0)
    expect(run.output).toContain('+++ b/src/schemas/user.ts')
    expect(run.output).toContain('+    bio: optional(storableText),')
    expect(run.output).toContain('Dry run: nothing was written.')
    expect(readFileSync(join(generated.dir, 'src/schemas/user.ts'), 'utf8')).toBe(before)
  })
})
