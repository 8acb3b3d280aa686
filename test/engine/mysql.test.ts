import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serverAvailable, servers } from '../support/servers.js'
import { createApp, engineDir, repoRoot } from './fixture.js'

const mysql = await serverAvailable('mysql')

describe.skipIf(!mysql)('MySQL and MariaDB', () => {
  it('the WebAssembly engine itself cannot drive them: it panics on the MariaDB adapter', async () => {
    // Bypasses our own guard to show why it exists. A panic kills the process, so this runs in a child.
    const script = `
      import { loadSchemaEngine, panicMessage } from ${JSON.stringify(join(engineDir, 'wasm.mjs'))}
      import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
      import { PrismaMariaDb } from '@prisma/adapter-mariadb'
      const SchemaEngine = await loadSchemaEngine()
      const factory = new PrismaMariaDb(${JSON.stringify(servers.mysql.url)})
      console.log('connectToShadowDb:', typeof factory.connectToShadowDb)
      process.on('uncaughtException', () => { console.log('panic:', panicMessage()); process.exit(0) })
      await SchemaEngine.new({ datamodels: undefined }, () => {}, bindMigrationAwareSqlAdapterFactory(factory))
      console.log('engine started')
    `
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, timeout: 20_000 }, (error, out) =>
        error ? reject(error) : resolve(out),
      ),
    )
    expect(stdout).toContain('connectToShadowDb: undefined') // no shadow database support in the adapter either
    expect(stdout).toContain('panicked at schema-engine/connectors/sql-schema-connector/src/lib.rs')
    expect(stdout).toContain('Unsupported adapter provider: Mysql')
    expect(stdout).not.toContain('engine started')
  })

  it('db push says so plainly and quickly, with the way back to the native engine', async () => {
    const app = createApp('mysql', servers.mysql.url, 'model Item {\n  id Int @id @default(autoincrement())\n}')
    try {
      const run = await app.prisma(['db', 'push'])
      expect(run.code).not.toBe(0)
      expect(run.output).toContain('MySQL and MariaDB are not supported by the offline schema engine')
      expect(run.output).toContain('unset PRISMA_SCHEMA_ENGINE_BINARY')
      expect(run.output).not.toMatch(/\n\s+at .*\.m?js:\d+/)
      // Stops rather than hangs: a bound far above what a loaded machine takes (11 s seen) and far below a hang.
      expect(run.ms).toBeLessThan(45_000)
    } finally {
      app.remove()
    }
  })
})
