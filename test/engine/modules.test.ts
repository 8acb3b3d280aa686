import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { engineModule } from './fixture.js'

const { parseArgs } = await engineModule('args.mjs')
const { adapterForUrl, importPackage } = await engineModule('adapters.mjs')
const { EngineError, fromEngineError, toRpcError, logLine } = await engineModule('errors.mjs')
const { parsePostgresUrl, translatePostgresError } = await engineModule('postgres.mjs')
const { managesOwnTransaction } = await engineModule('sql.mjs')
const { serveJsonRpc } = await engineModule('rpc.mjs')

describe('parseArgs', () => {
  it('reads server mode as the CLI starts it', () => {
    expect(
      parseArgs(['--datamodels', '/app/prisma/schema.prisma', '--datasource', '{"url":"file:./dev.db","shadowDatabaseUrl":""}', '--enabled-preview-features', 'views,metrics']),
    ).toEqual({ kind: 'server', datasource: { url: 'file:./dev.db', shadowDatabaseUrl: undefined }, datamodels: ['/app/prisma/schema.prisma'] })
  })

  it('reads the one-shot commands and --version', () => {
    expect(parseArgs(['--datasource', '{"url":"postgresql://h/db"}', 'cli', 'create-database'])).toEqual({
      kind: 'cli',
      command: 'create-database',
      datasource: { url: 'postgresql://h/db', shadowDatabaseUrl: undefined },
    })
    expect(parseArgs(['--version'])).toEqual({ kind: 'version' })
  })

  it('rejects what it does not know, with EngineErrors', () => {
    expect(() => parseArgs(['--datasource', '{"url":"file:a"}', 'cli', 'explode'])).toThrow('Unknown cli command: explode')
    expect(() => parseArgs(['--bogus'])).toThrow(EngineError)
    expect(() => parseArgs(['--datasource', 'not json'])).toThrow('--datasource must be JSON')
    expect(() => parseArgs(['--datasource', '{}'])).toThrow('has no "url"')
    expect(() => parseArgs(['--datamodels'])).toThrow('Missing value for --datamodels')
  })
})

describe('adapterForUrl', () => {
  it.each([
    ['file:./dev.db', 'sqlite', '@prisma/adapter-better-sqlite3'],
    ['postgres://u@h/db', 'postgresql', '@prisma/adapter-pg'],
    ['postgresql://u@h/db', 'postgresql', '@prisma/adapter-pg'],
    ['POSTGRESQL://u@h/db', 'postgresql', '@prisma/adapter-pg'],
    ['mysql://u@h/db', 'mysql', '@prisma/adapter-mariadb'],
    ['mariadb://u@h/db', 'mysql', '@prisma/adapter-mariadb'],
  ])('%s → %s via %s', (url, provider, adapterPackage) => {
    expect(adapterForUrl(url)).toMatchObject({ provider, adapterPackage })
  })

  it('refuses other URLs with P1013', () => {
    for (const url of ['sqlserver://h', 'mongodb://h/db', './dev.db']) {
      expect(() => adapterForUrl(url)).toThrow(expect.objectContaining({ code: 'P1013' }))
    }
  })

  it('names the package to install when one is missing', async () => {
    await expect(importPackage('@prisma/adapter-that-does-not-exist')).rejects.toThrow(
      'Install it with `npm install @prisma/adapter-that-does-not-exist`',
    )
  })
})

describe('error translation', () => {
  it('recovers driver errors behind "External error id#N" and drops the span trace', () => {
    const wasmError = Object.assign(new Error('Error in driver: External error id#3\n   0: schema_commands::commands::schema_push\n             at schema-engine/x.rs:1'), { code: 'P3006' })
    const translated = fromEngineError(wasmError, (id: number) => (id === 3 ? { error: new Error('permission denied for schema public') } : undefined), () => undefined)
    expect(translated).toBeInstanceOf(EngineError)
    expect(translated.message).toBe('Error in driver: permission denied for schema public')
    expect(translated.code).toBe('P3006')
  })

  it('reports a WebAssembly trap as a panic with the Rust message', () => {
    // The project's TypeScript lib has no WebAssembly types; the runtime has the class.
    const { RuntimeError } = (globalThis as any).WebAssembly
    const translated = fromEngineError(new RuntimeError('unreachable'), () => undefined, () => 'index out of bounds')
    expect(translated).toMatchObject({ message: 'index out of bounds', isPanic: true })
  })

  it('shapes JSON-RPC errors and log lines as the CLI reads them', () => {
    expect(toRpcError(new EngineError('The database schema is not empty.', { code: 'P3005' }))).toEqual({
      code: 4466,
      message: 'The database schema is not empty.',
      data: { is_panic: false, message: 'The database schema is not empty.', error_code: 'P3005', meta: null },
    })
    expect(JSON.parse(logLine('ERROR', 'gone', 'P1001'))).toEqual({
      level: 'ERROR',
      target: 'schema_engine::logger',
      fields: { error_code: 'P1001', message: 'gone' },
    })
  })

  it('maps PostgreSQL connection failures to P-codes', () => {
    const address = { host: 'db.local', port: '5432', user: 'app', database: 'shop' }
    expect(translatePostgresError({ code: '28P01', message: 'password authentication failed' }, address).code).toBe('P1000')
    expect(translatePostgresError({ code: '28000', message: 'role "app" does not exist' }, address).code).toBe('P1000')
    expect(translatePostgresError({ code: '3D000', message: 'database "shop" does not exist' }, address).message).toBe(
      'Database `shop` does not exist on the database server at `db.local:5432`.',
    )
    expect(translatePostgresError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, address).code).toBe('P1001')
    expect(translatePostgresError(new Error('Connection terminated due to connection timeout'), address).code).toBe('P1001')
    expect(translatePostgresError({ code: '42P04', message: 'exists' }, address).code).toBe('P1009')
    expect(translatePostgresError({ code: '22P02', message: 'invalid input syntax' }, address)).toMatchObject({ code: null, message: 'invalid input syntax' })
  })
})

describe('parsePostgresUrl', () => {
  it('turns ?schema= into the search_path and strips Prisma-only parameters', () => {
    const { schema, config, address } = parsePostgresUrl('postgresql://app:s%40cret@db.local:6543/shop?schema=inventory&connection_limit=5&sslmode=require')
    expect(schema).toBe('inventory')
    expect(config.options).toBe('-c search_path="inventory"')
    expect(config.connectionString).toBe('postgresql://app:s%40cret@db.local:6543/shop?sslmode=require')
    expect(address).toEqual({ host: 'db.local', port: '6543', user: 'app', database: 'shop' })
  })

  it('can point at another database on the same server (shadow and maintenance databases)', () => {
    const { config, schema } = parsePostgresUrl('postgres://u@h/main', 'prisma_migrate_shadow_db_1')
    expect(config.connectionString).toBe('postgres://u@h/prisma_migrate_shadow_db_1')
    expect(schema).toBe('public')
  })
})

describe('managesOwnTransaction', () => {
  it('spots scripts that control transactions themselves', () => {
    expect(managesOwnTransaction('BEGIN;\nINSERT INTO t VALUES (1);\nCOMMIT;')).toBe(true)
    expect(managesOwnTransaction('insert into t values (1);\n  rollback;')).toBe(true)
    expect(managesOwnTransaction('CREATE TABLE "Begin" (id int);\nINSERT INTO t VALUES (\'COMMIT\');')).toBe(false)
  })
})

describe('serveJsonRpc', () => {
  async function converse(lines: string[], handle: (method: string, params: any, call: any) => Promise<unknown>, replyToCalls = true) {
    const input = new PassThrough()
    const output = new PassThrough()
    const received: any[] = []
    output.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const message = JSON.parse(line)
        received.push(message)
        // Play the CLI's part for requests the engine sends.
        if (message.method === 'print' && replyToCalls) input.write(`${JSON.stringify({ jsonrpc: '2.0', id: message.id, result: {} })}\n`)
      }
    })
    const served = serveJsonRpc({ input, output, handle })
    for (const line of lines) input.write(`${line}\n`)
    setTimeout(() => input.end(), 50)
    await served
    return received
  }

  it('answers requests in order, {} for void results, errors in the CLI shape', async () => {
    const received = await converse(
      [
        JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'slow', params: {} }),
        JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'void', params: {} }),
        JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'fail', params: {} }),
        'not json',
      ],
      async (method) => {
        if (method === 'slow') return new Promise((resolve) => setTimeout(() => resolve({ done: true }), 20))
        if (method === 'fail') throw new EngineError('nope', { code: 'P3005' })
        return undefined
      },
    )
    expect(received.map((m) => m.id)).toEqual([null, 1, 2, 3]) // the parse error is immediate; requests keep their order
    expect(received[1]).toEqual({ jsonrpc: '2.0', id: 1, result: { done: true } })
    expect(received[2]).toEqual({ jsonrpc: '2.0', id: 2, result: {} })
    expect(received[3].error).toMatchObject({ code: 4466, data: { error_code: 'P3005', message: 'nope' } })
  })

  it('lets a handler ask the CLI to print, and waits for its reply', async () => {
    const received = await converse([JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'diff', params: {} })], async (_method, _params, call) => {
      await call('print', { content: 'CREATE TABLE x' })
      return { exitCode: 0 }
    })
    expect(received[0]).toMatchObject({ method: 'print', params: { content: 'CREATE TABLE x' } })
    expect(received[1]).toEqual({ jsonrpc: '2.0', id: 7, result: { exitCode: 0 } })
  })
})
