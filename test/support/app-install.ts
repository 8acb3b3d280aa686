import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { testsRoot } from './paths.js'

/**
 * Installs a generated app's dependencies. The first app with a given set of dependencies gets a real
 * `npm install` (postinstall included); its node_modules is then kept under the tests folder and later apps
 * with the same dependencies link to it and run `prisma generate`, so better-sqlite3 compiles once.
 * Test files run in parallel workers: a lock makes the second one wait for the first one's install.
 */
export function installApp(appDir: string, extraEnv: Record<string, string> = {}): 'installed' | 'shared' {
  const pkg = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as Record<string, unknown>
  const env = { ...process.env, CI: 'true', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false', ...extraEnv }
  // Native modules are built for the Node that installs them: one shared folder per Node version too.
  const node = execFileSync('node', ['--version'], { env, encoding: 'utf8' }).trim()
  const key = createHash('sha256').update(JSON.stringify([pkg.dependencies, pkg.devDependencies, node])).digest('hex').slice(0, 16)
  const shared = join(testsRoot, 'app-deps', key, 'node_modules')
  const how = withLock(join(testsRoot, 'app-deps', `${key}.lock`), () => {
    if (existsSync(shared)) return 'shared'
    execFileSync('npm', ['install', '--prefer-offline'], { cwd: appDir, env, stdio: 'pipe', timeout: 900_000 })
    mkdirSync(join(shared, '..'), { recursive: true })
    renameSync(join(appDir, 'node_modules'), shared)
    return 'installed'
  })
  symlinkSync(shared, join(appDir, 'node_modules'))
  if (how === 'shared') execFileSync('npx', ['prisma', 'generate'], { cwd: appDir, env, stdio: 'pipe' })
  return how
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Runs `fn` while holding a lock folder (mkdir is atomic). A lock whose owner process has died is taken over;
 * a live owner is waited for as long as an install may take.
 */
function withLock<T>(lock: string, fn: () => T): T {
  mkdirSync(join(lock, '..'), { recursive: true })
  const deadline = Date.now() + 1_200_000
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    let owner = Number.NaN
    try {
      owner = Number(readFileSync(join(lock, 'pid'), 'utf8'))
    } catch {
      // The owner has just made the folder and not yet written its pid.
    }
    if (Number.isInteger(owner) && owner > 0 && !isRunning(owner)) rmSync(lock, { recursive: true, force: true })
    else if (Date.now() > deadline) throw new Error(`gave up waiting for ${lock} (held by process ${owner})`)
    else sleep(500)
  }
  writeFileSync(join(lock, 'pid'), String(process.pid))
  try {
    return fn()
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}
