import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs'
import { homedir } from 'node:os'
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

/** The npm configuration of the user running the tests (nodedir, registry...), which the yo user gets a copy of. */
const userNpmConfig = process.env.npm_config_userconfig ?? join(homedir(), '.npmrc')

/**
 * The real `yo` binary and the environment to run it in: a HOME of its own (with a copy of the user's npm
 * configuration, and an npm cache shared by every yo run of the tests), NODE_PATH to this generator, and none of
 * the `npm_*` variables of the npm that started the tests (its cache and config may be root's). As root, the
 * HOME, the cache and `cwd` are handed to uid 1000, which yo switches to.
 */
export function yoEnvironment(cwd: string): { yo: string; env: NodeJS.ProcessEnv } {
  const home = scratchDir('yo-home')
  if (existsSync(userNpmConfig)) copyFileSync(userNpmConfig, join(home, '.npmrc'))
  const npmCache = join(testsRoot, 'yo-npm-cache')
  mkdirSync(npmCache, { recursive: true })
  if (asRoot) {
    chownTree(home)
    chownTree(cwd)
    chownSync(npmCache, yoUid, yoUid)
  }
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')))
  return {
    yo: join(repoRoot, 'node_modules', '.bin', 'yo'),
    env: { ...inherited, HOME: home, NODE_PATH: generatorPath(), FORCE_COLOR: '0', NO_UPDATE_NOTIFIER: '1', npm_config_cache: npmCache },
  }
}

/** Runs the real `yo` binary in `cwd`, with no terminal on stdin, as a user would from a script; `extraEnv` (a PATH with another Node first, say) on top. */
export function runYo(args: string[], cwd: string, extraEnv: Record<string, string> = {}): YoRun {
  const { yo, env } = yoEnvironment(cwd)
  const result = spawnSync(yo, args, { cwd, env: { ...env, ...extraEnv }, input: '', encoding: 'utf8', timeout: 120_000 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** The next steps that yo printed at the end of a run: the commands (`  cd blog`, ...) and the URL to open. */
export function printedNextSteps(output: string): { steps: string[]; url: string | undefined } {
  const lines = output.slice(output.lastIndexOf('Next:')).split('\n').slice(1)
  const end = lines.findIndex((line) => line.startsWith('then open '))
  return {
    steps: lines.slice(0, end === -1 ? undefined : end).filter((line) => line.trim() !== '').map((line) => line.trim()),
    url: end === -1 ? undefined : lines[end]?.slice('then open '.length).trim(),
  }
}
