import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateApp, type GeneratedApp } from '../support/generated-app.js'
import type { RunningApp } from '../support/server.js'
import { runYo } from '../support/yo.js'

/** A user customizes the generated code, then changes the model with the real `yo dbapp:model`. */
describe('customizations survive regeneration, end to end', () => {
  let generated: GeneratedApp
  let app: RunningApp
  let yoOutput = ''

  const edit = (path: string, from: string, to: string) => {
    const file = join(generated.dir, path)
    const text = readFileSync(file, 'utf8')
    expect(text, `${path} should contain ${from}`).toContain(from)
    writeFileSync(file, text.replace(from, to))
  }

  beforeAll(async () => {
    generated = generateApp('custom')
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
    const yo = runYo(['dbapp:model', 'User', 'username:string:unique', 'email:string?', 'age:int?'], generated.dir)
    yoOutput = yo.stdout + yo.stderr
    expect(yo.status, yoOutput).toBe(0)
    execFileSync('npx', ['prisma', 'db', 'push'], { cwd: generated.dir, stdio: 'pipe' })
    app = await generated.start()
  })

  afterAll(async () => {
    await app?.stop()
  })

  const post = (path: string, form: Record<string, string>) =>
    fetch(app.url + path, { method: 'POST', body: new URLSearchParams(form), headers: { Origin: app.url }, redirect: 'manual' })

  it('merged the view and kept the route, and said so', () => {
    expect(yoOutput).toContain('Merged your changes with the new output:\n  src/views/users/list.tsx')
    expect(yoOutput).not.toContain('CONFLICTS')
    expect(readFileSync(join(generated.dir, 'src/routes/users.tsx'), 'utf8')).toContain("c.req.query('domain')")
  })

  it('serves the new field and the customizations together', async () => {
    expect((await post('/users/create', { username: 'ada', email: 'ada@example.com', age: '36' })).status).toBe(303)
    expect((await post('/users/create', { username: 'bob', email: 'bob@elsewhere.org', age: '' })).status).toBe(303)
    expect((await post('/users/create', { username: 'cy', email: 'cy@example.com', age: 'old' })).status).toBe(422)

    const filtered = await (await fetch(`${app.url}/users?domain=example.com`)).text()
    expect(filtered).toContain('>ada<')
    expect(filtered).not.toContain('>bob<')
    expect(filtered).toContain('Invite someone</a>')
    expect(filtered).toContain('<th>Age</th>')
    expect(filtered).toContain('<td>36</td>')
    expect(await (await fetch(`${app.url}/users`)).text()).toContain('>bob<')
  })

  it("still passes the app's own tests", () => {
    const test = spawnSync('npm', ['test'], { cwd: generated.dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } })
    expect(test.status, test.stdout + test.stderr).toBe(0)
    expect(stripVTControlCharacters(test.stdout)).toMatch(/Tests\s+\d+ passed/)
  })

  it('writes conflict markers without waiting for input when both changed a line, and lists the file', () => {
    edit('src/views/users/list.tsx', '<th>Email</th>', '<th>E-mail address</th>')
    const yo = runYo(['dbapp:model', 'User', 'username:string:unique', 'email:string?:unique', 'age:int?'], generated.dir)
    const output = yo.stdout + yo.stderr
    expect(yo.status, output).toBe(0)
    expect(output).toContain('CONFLICTS: both you and the generator changed these lines; resolve the <<<<<<< markers:\n  src/views/users/list.tsx')
    expect(readFileSync(join(generated.dir, 'src/views/users/list.tsx'), 'utf8')).toContain('<<<<<<< yours')
  })

  it('--dry-run prints the diff and writes nothing', () => {
    const before = readFileSync(join(generated.dir, 'src/schemas/user.ts'), 'utf8')
    const yo = runYo(['dbapp:model', 'User', 'username:string:unique', 'email:string?:unique', 'age:int?', 'bio:text?', '--dry-run'], generated.dir)
    const output = yo.stdout + yo.stderr
    expect(yo.status, output).toBe(0)
    expect(output).toContain('+++ b/src/schemas/user.ts')
    expect(output).toContain('+  bio: optional(z.string().trim()),')
    expect(output).toContain('Dry run: nothing was written.')
    expect(readFileSync(join(generated.dir, 'src/schemas/user.ts'), 'utf8')).toBe(before)
  })
})
