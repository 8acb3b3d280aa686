import net from 'node:net'
import pg from 'pg'

/** The database servers that some tests need, as this machine runs them. */
export const servers = {
  postgresql: { host: '127.0.0.1', port: 5432, url: 'postgresql://postgres@127.0.0.1:5432/test' },
  mysql: { host: '127.0.0.1', port: 3306, url: 'mysql://root@127.0.0.1:3306/test' },
} as const

export type ServerKind = keyof typeof servers

/** CI sets DBAPP_REQUIRE_SERVERS=1: a missing server then fails the run instead of skipping. */
const required = process.env.DBAPP_REQUIRE_SERVERS === '1'

function canConnect(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

/**
 * Whether a server is reachable. When it is not, prints why its tests are skipped,
 * or throws when DBAPP_REQUIRE_SERVERS=1 (CI), so a missing server never passes silently.
 * Use with top-level await: `const pg = await serverAvailable('postgresql')`, then `describe.skipIf(!pg)`.
 */
export async function serverAvailable(kind: ServerKind): Promise<boolean> {
  const { host, port } = servers[kind]
  if (await canConnect(host, port)) return true
  const reason = `${kind} is not reachable at ${host}:${port}`
  if (required) throw new Error(`${reason}, and DBAPP_REQUIRE_SERVERS=1 requires it`)
  console.warn(`SKIPPED ${kind} tests: ${reason}`)
  return false
}

/** Drops a throw-away database of the machine's PostgreSQL, ending any connection still open to it. */
export async function dropPostgresDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: servers.postgresql.url })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  } finally {
    await client.end()
  }
}
