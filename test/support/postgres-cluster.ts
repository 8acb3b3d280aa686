import { spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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
  port: number
  /** Starts the server again, with extra settings (`-c name=value`) if given. */
  start: (settings?: Record<string, string>) => void
  stop: () => void
  remove: () => void
}

const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort() : []
const bin = versions.length > 0 ? join('/usr/lib/postgresql', versions.at(-1)!, 'bin') : undefined
const asRoot = process.getuid?.() === 0
const user = asRoot ? 'postgres' : userInfo().username
const pgbouncer = '/usr/sbin/pgbouncer'

/** Why a cluster cannot be made here, or undefined when it can. */
export function clusterUnavailable(): string | undefined {
  if (!bin) return 'no PostgreSQL binaries in /usr/lib/postgresql'
  if (asRoot && spawnSync('id', ['postgres']).status !== 0) return 'running as root, and there is no postgres user to run initdb as'
  return undefined
}

/** Why PgBouncer cannot be started here (scripts/ensure-pgbouncer.sh installs it), or undefined when it can. */
export function poolerUnavailable(): string | undefined {
  return clusterUnavailable() ?? (existsSync(pgbouncer) ? undefined : `no PgBouncer at ${pgbouncer} (run scripts/ensure-pgbouncer.sh)`)
}

/** Runs a program, as the `postgres` user when the tests run as root; throws with its output when it fails. */
function run(program: string, args: string[]) {
  const [command, ...rest] = asRoot ? ['runuser', '-u', 'postgres', '--', program, ...args] : [program, ...args]
  const result = spawnSync(command!, rest, { encoding: 'utf8', timeout: 120_000 })
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`)
}

/** A new folder that the `postgres` user owns. */
function ownedDir(prefix: string): string {
  mkdirSync(testsRoot, { recursive: true })
  const dir = mkdtempSync(join(testsRoot, prefix))
  if (asRoot) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), -1)
  return dir
}

/** A server on a data folder that exists: pg_ctl start and stop, on a free port. */
async function serve(dir: string, data: string): Promise<Cluster> {
  const port = await freePort()
  const start = (settings: Record<string, string> = {}) => {
    const options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`)]
    run(join(bin!, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-o', options.join(' '), 'start'])
  }
  start()
  return {
    url: `postgresql://${user}@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop: () => run(join(bin!, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']),
    remove: () => {
      spawnSync(asRoot ? 'runuser' : join(bin!, 'pg_ctl'), asRoot ? ['-u', 'postgres', '--', join(bin!, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'] : ['-D', data, '-m', 'immediate', 'stop'])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A new server (initdb), started; it accepts streaming replication from loopback (initdb's default rules). */
export async function createCluster(): Promise<Cluster> {
  const dir = ownedDir('pg-cluster-')
  const data = join(dir, 'data')
  run(join(bin!, 'initdb'), ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--no-instructions'])
  return serve(dir, data)
}

/**
 * A streaming replica of a running cluster (pg_basebackup -R, after a fast checkpoint rather than a spread one that
 * takes minutes: a hot standby that follows the primary), started on
 * its own port. `start({ recovery_min_apply_delay: '2s' })` makes it lag behind on purpose.
 */
export async function createReplica(primary: Cluster): Promise<Cluster> {
  const dir = ownedDir('pg-replica-')
  const data = join(dir, 'data')
  run(join(bin!, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primary.port), '-U', user, '-D', data, '-R', '-X', 'stream', '--checkpoint=fast'])
  return serve(dir, data)
}

export interface Pooler {
  url: string
  stop: () => void
}

/**
 * PgBouncer in transaction mode in front of a cluster, as the generated README describes it: each transaction
 * borrows a server connection, so many app processes share a few. It fails a query at once, rather than queueing
 * it, while the server cannot be reached (`server_login_retry`), and never lets a client wait more than 5 s.
 */
export async function startPooler(cluster: Cluster): Promise<Pooler> {
  const dir = ownedDir('pgbouncer-')
  const port = await freePort()
  const config = join(dir, 'pgbouncer.ini')
  writeFileSync(join(dir, 'users.txt'), `"${user}" ""\n`)
  writeFileSync(config, [
    '[databases]',
    `* = host=127.0.0.1 port=${cluster.port}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    `unix_socket_dir = ${dir}`,
    'auth_type = trust',
    `auth_file = ${join(dir, 'users.txt')}`,
    'pool_mode = transaction',
    'max_client_conn = 1000',
    'default_pool_size = 20',
    'server_login_retry = 1',
    'query_wait_timeout = 5',
    `logfile = ${join(dir, 'pgbouncer.log')}`,
    `pidfile = ${join(dir, 'pgbouncer.pid')}`,
    '',
  ].join('\n'))
  run(pgbouncer, ['-d', '-q', config])
  return {
    url: `postgresql://${user}@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        process.kill(Number(readFileSync(join(dir, 'pgbouncer.pid'), 'utf8')), 'SIGTERM')
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A cluster's or pooler's URL for another database on the same server. */
export const withDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString()
