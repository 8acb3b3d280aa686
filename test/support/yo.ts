import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chownSync, existsSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot, scratchDir, testsRoot } from './paths.js'

/**
 * The real `yo` switches itself from root to uid 1000, which then cannot read root's home or write
 * root-owned folders. So as root, the run gets a HOME and an output folder that uid 1000 owns.
 */
const yoUid = 1000
const asRoot = process.getuid?.() === 0

function chownTree(path: string): void {
  chownSync(path, yoUid, yoUid)
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry))
}

/**
 * A folder where the real `yo` finds this generator the way `npm link` makes it findable:
 * a `generator-dbapp` entry in a node_modules folder on NODE_PATH.
 */
function generatorPath(): string {
  // One folder per checkout: several clones on one machine must each find their own generator.
  const dir = join(testsRoot, 'yo-node-path', createHash('sha256').update(repoRoot).digest('hex').slice(0, 12))
  mkdirSync(dir, { recursive: true })
  const link = join(dir, 'generator-dbapp')
  if (!existsSync(link) || realpathSync(link) !== realpathSync(repoRoot)) {
    rmSync(link, { force: true })
    symlinkSync(repoRoot, link)
  }
  return dir
}

export interface YoRun {
  status: number | null
  stdout: string
  stderr: string
}

/** Runs the real `yo` binary in `cwd`, with no terminal on stdin, as a user would from a script. */
export function runYo(args: string[], cwd: string): YoRun {
  const home = scratchDir('yo-home')
  if (asRoot) {
    chownTree(home)
    chownTree(cwd)
  }
  const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'yo'), args, {
    cwd,
    env: { ...process.env, HOME: home, NODE_PATH: generatorPath(), FORCE_COLOR: '0', NO_UPDATE_NOTIFIER: '1' },
    input: '',
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}
