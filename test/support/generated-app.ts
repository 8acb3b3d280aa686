import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { installApp } from './app-install.js'
import { scratchDir } from './paths.js'
import { startApp, type RunningApp } from './server.js'
import { runYo, type YoRun } from './yo.js'

/** An app written by the real `yo dbapp`, installed, with its tables created: ready to serve. */
export interface GeneratedApp {
  /** The folder `yo` ran in; the app is its subfolder `name`. */
  workDir: string
  /** The app's folder. */
  dir: string
  /** What `yo` printed, for tests of the generator's own output. */
  yo: YoRun
  /** The SQLite file that `prisma db push` created and the server uses (the app's default DATABASE_URL). */
  dbFile: string
  /** Serves the app with `npm run <script>` (default `dev`) on a free loopback port. */
  start: (script?: string, env?: Record<string, string>) => Promise<RunningApp>
}

/**
 * What a user does after `yo dbapp name ...yoArgs`: the real `yo` (with `--skip-install` added),
 * `npm install` (shared between apps with the same dependencies, see installApp) and `npx prisma db push`.
 * `env` (DATABASE_URL, or a PATH with another Node first) applies to yo, the install, the push and the server; `push: false` leaves the tables to the caller.
 * Throws with yo's output when it fails. Each call writes a new app under the tests folder.
 */
export function generateApp(name: string, yoArgs: string[] = ['--yes'], env: Record<string, string> = {}, { push = true } = {}): GeneratedApp {
  const workDir = scratchDir(`e2e-${name}`)
  const yo = runYo(['dbapp', name, ...yoArgs, '--skip-install'], workDir, env)
  if (yo.status !== 0) throw new Error(`yo dbapp ${name} ${yoArgs.join(' ')} exited with ${yo.status}:\n${yo.stdout}\n${yo.stderr}`)
  const dir = join(workDir, name)
  installApp(dir, env)
  if (push) execFileSync('npx', ['prisma', 'db', 'push'], { cwd: dir, stdio: 'pipe', env: { ...process.env, ...env } })
  return {
    workDir,
    dir,
    yo,
    dbFile: join(dir, 'dev.db'),
    start: (script = 'dev', extra = {}) => startApp(dir, script, { ...env, ...extra }),
  }
}
