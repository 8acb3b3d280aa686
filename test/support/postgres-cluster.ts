import { spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { testsRoot } from './paths.js'
import { freePort } from './server.js'

/**
 * A throw-away PostgreSQL server of its own, made with the machine's binaries (initdb, pg_ctl) in a temp folder on
 * a free port, for tests that stop and start their database. initdb refuses root, so as root the commands run as
 * the `postgres` user (runuser).
 */
export interface Cluster {
  url: string
  start: () => void
  stop: () => void
  remove: () => void
}

const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort() : []
const bin = versions.length > 0 ? join('/usr/lib/postgresql', versions.at(-1)!, 'bin') : undefined
const asRoot = process.getuid?.() === 0

/** Why a cluster cannot be made here, or undefined when it can. */
export function clusterUnavailable(): string | undefined {
  if (!bin) return 'no PostgreSQL binaries in /usr/lib/postgresql'
  if (asRoot && spawnSync('id', ['postgres']).status !== 0) return 'running as root, and there is no postgres user to run initdb as'
  return undefined
}

function run(command: string, args: string[]) {
  const [program, ...rest] = asRoot ? ['runuser', '-u', 'postgres', '--', join(bin!, command), ...args] : [join(bin!, command), ...args]
  const result = spawnSync(program!, rest, { encoding: 'utf8', timeout: 120_000 })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`)
}

export async function createCluster(): Promise<Cluster> {
  const dir = mkdtempSync(join(testsRoot, 'pg-cluster-'))
  if (asRoot) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), -1)
  const data = join(dir, 'data')
  const port = await freePort()
  const user = asRoot ? 'postgres' : userInfo().username
  run('initdb', ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--no-instructions'])
  const start = () => run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start'])
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
  start()
  return {
    url: `postgresql://${user}@127.0.0.1:${port}/postgres`,
    start,
    stop,
    remove: () => {
      spawnSync(asRoot ? 'runuser' : join(bin!, 'pg_ctl'), asRoot ? ['-u', 'postgres', '--', join(bin!, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'] : ['-D', data, '-m', 'immediate', 'stop'])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
