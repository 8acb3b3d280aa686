// @ts-check
import { readFile } from 'node:fs/promises'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import { openDatabase } from './database.mjs'
import { EngineError, fromEngineError } from './errors.mjs'
import { loadSchemaEngine, panicMessage } from './wasm.mjs'

/**
 * One CLI command's conversation with the engine: connects on the first request, then answers each JSON-RPC
 * method with the WebAssembly engine, working around where it differs from the native one.
 * @param {{ datasource: import('./args.mjs').Datasource, datamodels: string[], log: (line: string) => void }} options
 */
export function createSession({ datasource, datamodels, log }) {
  /** @type {import('./database.mjs').Database | undefined} */
  let db
  /** @type {any} */
  let engine
  /** @type {any} */
  let boundFactory
  /** The migration the engine is applying, from its "Applying `name`" log line. */
  let applying = /** @type {string | undefined} */ (undefined)
  const logAndWatch = (/** @type {string} */ line) => {
    applying = /"message":"Applying `([^`]+)`"/.exec(line)?.[1] ?? applying
    log(line)
  }

  async function start() {
    if (engine) return { db: /** @type {import('./database.mjs').Database} */ (db), engine }
    db = await openDatabase(datasource)
    const SchemaEngine = await loadSchemaEngine()
    boundFactory = bindMigrationAwareSqlAdapterFactory(/** @type {any} */ (db.factory))
    // `datamodels` must be undefined, not an empty list, when the CLI passes no schema (an empty list panics).
    const files = datamodels.length
      ? await Promise.all(datamodels.map(async (path) => /** @type {[string, string]} */ ([path, await readFile(path, 'utf8')])))
      : undefined
    engine = await SchemaEngine.new({ datamodels: files }, logAndWatch, boundFactory)
    return { db, engine }
  }

  /**
   * On SQLite the WebAssembly engine fails with P1014 when `_prisma_migrations` does not exist yet, where the
   * native engine treats the history as empty. Such calls run with the table created in a transaction that is
   * rolled back.
   * @template T @param {any} params @param {() => Promise<T>} fn @returns {Promise<T>}
   */
  async function withMigrationsTable(params, fn) {
    const { db } = await start()
    const history = db.missingHistory
    if (!history || !(await history.tableMissing())) return fn()
    return history.rolledBack(async () => {
      await createMigrationsTable(params)
      return fn()
    })
  }

  /** Applying an empty migration list makes the engine create `_prisma_migrations` with its own DDL. */
  async function createMigrationsTable(/** @type {any} */ params) {
    const { engine } = await start()
    const migrationsList = { ...params.migrationsList, migrationDirectories: [] }
    await engine.applyMigrations({ migrationsList, filters: { externalTables: [], externalEnums: [] } })
  }

  /** @type {Record<string, (params: any, call: (method: string, params: unknown) => Promise<unknown>) => Promise<unknown>>} */
  const methods = {
    // A push runs in one transaction: refused or failed halfway, it leaves the database as it was.
    schemaPush: async (params) => {
      const { db, engine } = await start()
      return db.atomically(() => engine.schemaPush(params))
    },
    reset: async (params) => {
      const { db, engine } = await start()
      return db.reset ? db.reset(params.filter) : engine.reset(params)
    },
    devDiagnostic: async (params) => withMigrationsTable(params, () => engine.devDiagnostic(params)),
    diagnoseMigrationHistory: async (params) => {
      const { db } = await start()
      const tableMissing = await db.missingHistory?.tableMissing()
      const result = await withMigrationsTable(params, () => engine.diagnoseMigrationHistory(params))
      return tableMissing ? { ...result, hasMigrationsTable: false } : result
    },
    // The native engine creates the table when it marks the first migration applied; so does this.
    markMigrationApplied: async (params) => {
      const { db, engine } = await start()
      if (await db.missingHistory?.tableMissing()) await createMigrationsTable(params)
      return engine.markMigrationApplied(params)
    },
    // The native engine prints the diff through the CLI (`print`), which is how `migrate diff -o file` captures
    // it; the WebAssembly engine returns it instead.
    diff: async (params, call) => {
      const { engine } = await start()
      const { stdout, exitCode } = await engine.diff(params)
      if (stdout != null) await call('print', { content: stdout })
      return { exitCode }
    },
    // When a migration script fails, the native engine reports P3018 naming the migration; the WebAssembly
    // engine passes the database error on as it is (P1014 for a missing table, for instance).
    applyMigrations: async (params) => {
      const { engine } = await start()
      applying = undefined
      try {
        return await engine.applyMigrations(params)
      } catch (error) {
        const translated = translate(error)
        if (!applying || translated.code?.startsWith('P3')) throw translated
        throw new EngineError(
          `A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\nMigration name: ${applying}\n\nDatabase error:\n${translated.message}`,
          { code: 'P3018' },
        )
      }
    },
    getDatabaseVersion: async (params) => (await start()).engine.version(params),
  }
  for (const name of [
    'createMigration',
    'dbExecute',
    'ensureConnectionValidity',
    'evaluateDataLoss',
    'introspect',
    'markMigrationRolledBack',
  ]) {
    methods[name] = async (params) => (await start()).engine[name](params)
  }

  /** @param {unknown} error */
  const translate = (error) => fromEngineError(error, (id) => boundFactory?.errorRegistry.consumeError(id), panicMessage)

  return {
    /**
     * @param {string} method
     * @param {any} params
     * @param {(method: string, params: unknown) => Promise<unknown>} call
     */
    async handle(method, params, call) {
      const run = methods[method]
      if (!run) throw new EngineError(`The offline schema engine does not support the \`${method}\` method.`)
      try {
        return await run(params, call)
      } catch (error) {
        throw translate(error)
      }
    },
    async dispose() {
      await db?.dispose()
    },
  }
}
