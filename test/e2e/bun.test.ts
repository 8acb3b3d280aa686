import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateApp, type GeneratedApp } from '../support/generated-app.js'
import { checkLibraryOverHttp } from '../support/library-checks.js'
import { checkQuickstartOverHttp } from '../support/quickstart-checks.js'
import { repoRoot } from '../support/paths.js'
import { binariesUnder, childPids, postForm, postJson, startProcess, type RunningApp } from '../support/server.js'
import { dropPostgresDatabase, serverAvailable, servers } from '../support/servers.js'

/**
 * Apps generated with `--runtime bun`, as a Bun user runs them: the real `yo`, `npm install`, `npm run db:push`
 * (the Prisma CLI on Node), then `npm run dev` and, built, `npm start`, both serving on Bun (`Bun.serve`), the
 * seed's flow and the JSON API over HTTP, and the app's own tests run on Bun (`bun --bun vitest run`).
 * `scripts/ensure-bun.sh` installs Bun from the npm registry; CI sets DBAPP_REQUIRE_BUN=1.
 */
const bunBin = join(repoRoot, '.tools/bun/node_modules/.bin')
const bunBinary = join(bunBin, 'bun')
const available = existsSync(bunBinary)
const postgresAvailable = available && (await serverAvailable('postgresql'))
if (!available) {
  const reason = `${bunBinary} is missing (run scripts/ensure-bun.sh)`
  if (process.env.DBAPP_REQUIRE_BUN === '1') throw new Error(`${reason}, and DBAPP_REQUIRE_BUN=1 requires it`)
  console.warn(`SKIPPED Bun tests: ${reason}`)
}

/** Every command of the run finds Bun on PATH (Node stays there too, for npm and the Prisma CLI). */
const withBun = { PATH: `${bunBin}:${process.env.PATH}` }



async function waitFor(condition: () => boolean, what: string) {
  const deadline = Date.now() + 20_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Runs the app's own `npm test`, which runs vitest on Bun; fails with its output. */
function ownTests(generated: GeneratedApp) {
  const tests = spawnSync('npm', ['test'], { cwd: generated.dir, env: { ...process.env, ...withBun }, encoding: 'utf8' })
  expect(tests.status, tests.stdout + tests.stderr).toBe(0)
  expect(tests.stdout).toMatch(/Tests[^\n]*\d+ passed/)
}

describe.skipIf(!available)('on Bun (--runtime bun)', () => {
  const running: RunningApp[] = []
  const serve = async (generated: GeneratedApp, script: string) => {
    const app = await generated.start(script)
    running.push(app)
    // npm starts it; Bun serves it.
    expect(binariesUnder(app.pid)).toContain(realpathSync(bunBinary))
    return app
  }

  afterAll(async () => {
    await Promise.all(running.map((app) => app.stop()))
  })

  it('generates, installs, pushes and serves the quickstart app (dev, and built with npm start); the seed flow and the JSON API work; its own tests pass on Bun', async () => {
    const generated = generateApp('bun-quickstart', ['--yes', '--runtime', 'bun'], withBun, { push: false })
    expect(generated.yo.stdout + generated.yo.stderr).toContain('npm run db:push\n  bun run dev')
    execFileSync('npm', ['run', 'db:push'], { cwd: generated.dir, env: { ...process.env, ...withBun }, stdio: 'pipe' })
    const app = await serve(generated, 'dev')

    await checkQuickstartOverHttp(app)

    execFileSync('npm', ['run', 'build'], { cwd: generated.dir, env: { ...process.env, ...withBun }, stdio: 'pipe' })
    const built = await serve(generated, 'start')
    const listed = (await (await fetch(`${built.url}/api/users`)).json()) as { items: { username: string }[] }
    expect(listed.items.map((row) => row.username)).toEqual(['ada', 'grace'])

    ownTests(generated)
  }, 900_000)

  it('generates, installs, pushes and serves the relation-rich app; relations and every type over HTTP; its own tests pass on Bun', async () => {
    const generated = generateApp('bun-library', ['--models', join(repoRoot, 'test/fixtures/library.yaml'), '--runtime', 'bun'], withBun)
    const app = await serve(generated, 'dev')

    // Relations and every scalar type over HTTP (libSQL on Bun reads integers as bigint: 2^53 + 1 comes back exactly).
    await checkLibraryOverHttp(app)

    ownTests(generated)
  }, 900_000)

  it('runs WEB_CONCURRENCY=2 workers on one port with Bun, replaces a killed one, and stops with the workers that cannot start', async () => {
    const generated = generateApp('bun-cluster', ['--yes', '--runtime', 'bun'], withBun)
    execFileSync('npm', ['run', 'build'], { cwd: generated.dir, env: { ...process.env, ...withBun }, stdio: 'pipe' })
    const server = await startProcess(generated.dir, [bunBinary, 'dist/server.js'], { DATABASE_URL: `file:${generated.dbFile}`, WEB_CONCURRENCY: '2' })
    running.push(server)
    const workers = () => childPids(server.pid)
    await waitFor(() => workers().length === 2, 'two workers')
    const [first, second] = workers()
    for (let i = 0; i < 40; i++) expect((await postJson(server, '/api/users', { username: `user-${i}` })).status).toBe(201)

    process.kill(first!, 'SIGKILL')
    await waitFor(() => workers().length === 2 && !workers().includes(first!), 'a new worker')
    expect(workers()).toContain(second)
    // The primary knew the killed worker had served (its message, since Bun raises no 'listening'), so it replaced it.
    await waitFor(() => server.output().includes(`Worker ${first} exited (SIGKILL); starting another`), 'the log of the replacement')
    expect((await (await fetch(`${server.url}/api/users?per_page=1`)).json()) as { total: number }).toMatchObject({ total: 40 })
    expect(await server.stop()).toBe(0)

    const broken = startProcess(generated.dir, [bunBinary, 'dist/server.js'], { DATABASE_URL: 'file:/no/such/folder/app.db', WEB_CONCURRENCY: '2' })
    await expect(broken).rejects.toThrow(/before it could serve; stopping/)
  }, 900_000)

  describe.skipIf(!postgresAvailable)('on PostgreSQL', () => {
    const name = `e2e_bun_${randomBytes(4).toString('hex')}`
    const url = Object.assign(new URL(servers.postgresql.url), { pathname: `/${name}` }).toString()

    afterAll(async () => {
      await dropPostgresDatabase(name)
    })

    it('generates, installs, pushes and serves the quickstart app on PostgreSQL (pg on Bun); its own tests pass on Bun', async () => {
      const generated = generateApp('bun-postgresql', ['--yes', '--runtime', 'bun', '--database', 'postgresql'], { ...withBun, DATABASE_URL: url })
      const app = await serve(generated, 'dev')
      expect((await postJson(app, '/api/users', { username: 'ada' })).status).toBe(201)
      expect((await postJson(app, '/api/users', { username: 'ada' })).status).toBe(409)
      const created = await postForm(app, '/users/create', { username: 'grace' })
      expect(created.status).toBe(303)
      expect(await (await fetch(app.url + (created.headers.get('location') ?? ''))).text()).toContain('grace')
      expect((await fetch(`${app.url}/readyz`)).status).toBe(200)
      ownTests(generated)
    }, 900_000)
  })
})
