import { execFileSync } from 'node:child_process'
import { realpathSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateApp } from '../../test/support/generated-app.js'

const appsDir = fileURLToPath(new URL('../apps/', import.meta.url))

/** One of the benchmarked apps, built and ready to start with `node <script>` in `dir`. */
export interface BenchApp {
  key: 'a' | 'a2' | 'b' | 'c'
  name: string
  dir: string
  script: string
  /** Added to the server's environment. */
  env?: Record<string, string>
}

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): void {
  execFileSync(command, args, { cwd, env: { ...process.env, ...env }, stdio: 'pipe', timeout: 300_000 })
}

/** Links a hand-written app's node_modules to the generated app's install, so it needs no install of its own. */
function linkModules(dir: string, modules: string): void {
  rmSync(join(dir, 'node_modules'), { force: true })
  symlinkSync(modules, join(dir, 'node_modules'))
}

/**
 * (a) the quickstart app from the real `yo dbapp bench --yes` (installed and pushed like the end-to-end
 * tests do), built with `npm run build`, and (a2) the same app in its multi-process mode with two processes;
 * (b) and (c) from bench/apps, built against (a)'s node_modules.
 * Returns the apps and the empty database that `prisma db push` made, to seed copies of.
 */
export function prepareApps(log: (line: string) => void): { apps: BenchApp[]; emptyDb: string; workDir: string } {
  let start = performance.now()
  const generated = generateApp('bench', ['--yes'])
  log(`  (a) yo dbapp bench --yes, install (shared), prisma db push: ${((performance.now() - start) / 1000).toFixed(1)} s`)
  start = performance.now()
  run('npm', ['run', 'build'], generated.dir)
  log(`  (a) npm run build: ${((performance.now() - start) / 1000).toFixed(1)} s`)

  const modules = realpathSync(join(generated.dir, 'node_modules'))
  const obvious = join(appsDir, 'prisma-obvious')
  const raw = join(appsDir, 'raw-sqlite')
  start = performance.now()
  linkModules(obvious, modules)
  // `prisma generate` never starts the schema engine; /bin/true keeps the CLI from looking for one.
  run(join(obvious, 'node_modules/.bin/prisma'), ['generate'], obvious, { PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true' })
  run(join(obvious, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], obvious)
  linkModules(raw, modules)
  run(join(raw, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], raw)
  log(`  (b), (c) prisma generate and tsc: ${((performance.now() - start) / 1000).toFixed(1)} s`)

  return {
    apps: [
      { key: 'a', name: 'generated', dir: generated.dir, script: 'dist/server.js' },
      { key: 'a2', name: 'generated, WEB_CONCURRENCY=2', dir: generated.dir, script: 'dist/server.js', env: { WEB_CONCURRENCY: '2' } },
      { key: 'b', name: 'prisma-obvious', dir: obvious, script: 'dist/server.js' },
      { key: 'c', name: 'raw-sqlite', dir: raw, script: 'dist/server.js' },
    ],
    emptyDb: generated.dbFile,
    workDir: generated.workDir,
  }
}
