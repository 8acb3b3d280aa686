import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { testsRoot } from './paths.js'

/**
 * Installs a generated app's dependencies. The first app with a given set of dependencies gets a real
 * `npm install` (postinstall included); its node_modules is then kept under the tests folder and later apps
 * with the same dependencies link to it and run `prisma generate`, so better-sqlite3 compiles once.
 */
export function installApp(appDir: string): 'installed' | 'shared' {
  const pkg = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as Record<string, unknown>
  const key = createHash('sha256').update(JSON.stringify([pkg.dependencies, pkg.devDependencies])).digest('hex').slice(0, 16)
  const shared = join(testsRoot, 'app-deps', key, 'node_modules')
  const env = { ...process.env, CI: 'true', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' }
  if (existsSync(shared)) {
    symlinkSync(shared, join(appDir, 'node_modules'))
    execFileSync('npx', ['prisma', 'generate'], { cwd: appDir, env, stdio: 'pipe' })
    return 'shared'
  }
  execFileSync('npm', ['install', '--prefer-offline'], { cwd: appDir, env, stdio: 'pipe', timeout: 900_000 })
  mkdirSync(join(shared, '..'), { recursive: true })
  renameSync(join(appDir, 'node_modules'), shared)
  symlinkSync(shared, join(appDir, 'node_modules'))
  return 'installed'
}
