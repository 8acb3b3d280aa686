import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serverAvailable, servers } from '../support/servers.js'
import { type App, createApp } from './fixture.js'

const postgres = await serverAvailable('postgresql')
const model = 'model Item {\n  id Int @id @default(autoincrement())\n}'
const stackTrace = /\n\s+at .*\.m?js:\d+/

describe('engine version', () => {
  it('prisma version reports the engine commit of the installed CLI, found through prisma.config.ts', async () => {
    const app = createApp('sqlite', 'file:./dev.db', model)
    try {
      const run = await app.prisma(['version'])
      expect(run.code, run.output).toBe(0)
      expect(run.stdout).toMatch(/Schema Engine\s+: schema-engine-cli ([0-9a-f]{40}) \(at prisma\/schema-engine\/main\.mjs/)
      const engineHash = /Schema Engine\s+: schema-engine-cli ([0-9a-f]{40})/.exec(run.stdout)?.[1]
      const cliHash = /Default Engines Hash\s+: ([0-9a-f]{40})/.exec(run.stdout)?.[1]
      expect(engineHash).toBe(cliHash)
    } finally {
      app.remove()
    }
  })
})

describe('errors on SQLite', () => {
  it('migrate status on a missing file: P1003, nothing created', async () => {
    const app = createApp('sqlite', 'file:./missing.db', model)
    try {
      const run = await app.prisma(['migrate', 'status'])
      expect(run.code).not.toBe(0)
      expect(run.output).toContain('P1003')
      expect(run.output).toContain('Database `missing.db` does not exist at')
      expect(run.output).not.toMatch(stackTrace)
    } finally {
      app.remove()
    }
  })
})

describe.skipIf(!postgres)('connection errors on PostgreSQL', () => {
  let app: App
  beforeAll(() => {
    app = createApp('postgresql', servers.postgresql.url, model)
  })
  afterAll(() => app?.remove())

  const expectQuickFailure = (run: { code: number; output: string; ms: number }, code: string, text: string) => {
    expect(run.code).not.toBe(0)
    expect(run.output).toContain(code)
    expect(run.output).toContain(text)
    expect(run.output).not.toMatch(stackTrace)
    // Fails rather than hangs: a bound far above what a loaded machine takes (11 s seen) and far below a hang.
    expect(run.ms).toBeLessThan(45_000)
  }

  it('P1001 when nothing listens on the port', async () => {
    const run = await app.prisma(['db', 'push'], { env: { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/test' } })
    expectQuickFailure(run, 'P1001', "Can't reach database server at `127.0.0.1:1`")
  })

  it('P1001 when the server takes the connection and never answers', async () => {
    // A silent server on loopback: it accepts the connection and says nothing, as a server that hangs does.
    const sockets: net.Socket[] = []
    const silent = net.createServer((socket) => sockets.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as net.AddressInfo
    try {
      const run = await app.prisma(['migrate', 'deploy'], { env: { DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/test` } })
      expectQuickFailure(run, 'P1001', `Can't reach database server at \`127.0.0.1:${port}\``)
    } finally {
      for (const socket of sockets) socket.destroy()
      silent.close()
    }
  })

  it('P1000 for a user the server does not know', async () => {
    const run = await app.prisma(['db', 'push'], { env: { DATABASE_URL: 'postgresql://no_such_user@127.0.0.1:5432/test' } })
    expectQuickFailure(run, 'P1000', 'the provided database credentials for `no_such_user` are not valid')
  })

  it('P1003 when the database does not exist (and status does not create it)', async () => {
    const run = await app.prisma(['migrate', 'status'], { env: { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/no_such_database_here' } })
    expectQuickFailure(run, 'P1003', 'Database `no_such_database_here` does not exist on the database server at `127.0.0.1:5432`')
  })
})
