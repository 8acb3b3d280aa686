// @ts-check
import { existsSync, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { importPackage } from './adapters.mjs'
import { IN_MEMORY } from './args.mjs'
import { EngineError, connectionErrors } from './errors.mjs'
import { managesOwnTransaction, sqlHelpers } from './sql.mjs'

/**
 * The absolute path of a SQLite URL (`file:./dev.db`), relative paths taken from the working directory,
 * which the CLI sets to the folder of prisma.config.ts.
 * @param {string} url
 */
export function sqlitePath(url) {
  if (url === IN_MEMORY) return ':memory:'
  return resolve(url.replace(/^file:/, '').replace(/\?.*$/, ''))
}

/** `cli can-connect-to-database`: a missing file is P1003, which makes the CLI ask for create-database. */
export function checkSqlite(/** @type {string} */ url) {
  const path = sqlitePath(url)
  if (!existsSync(path)) throw connectionErrors.sqliteFileMissing(basename(path), path)
}

/** `cli create-database`: an empty file is a valid, empty SQLite database. */
export function createSqlite(/** @type {string} */ url) {
  const path = sqlitePath(url)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, '', { flag: 'a' })
}

/**
 * The driver adapter factory for a SQLite datasource, with the engine's rough edges smoothed (see wrapAdapter),
 * plus what the engine session needs to keep the database intact.
 * @param {import('./args.mjs').Datasource} datasource
 * @returns {Promise<import('./database.mjs').Database>}
 */
export async function openSqlite(datasource) {
  const base = await sqliteAdapter(`file:${sqlitePath(datasource.url)}`, datasource.shadowDatabaseUrl)
  /** @type {ReturnType<typeof wrapAdapter> | undefined} */
  let main

  // The engine and this session share one connection, so the session's transactions cover the engine's statements.
  const connectMain = async () => {
    if (!main || main.disposed) main = wrapAdapter(await base.connect())
    return main
  }
  const factory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: connectMain,
    connectToShadowDb: async () => wrapAdapter(await base.connectToShadowDb()),
  }

  return {
    factory,
    // Table redefinitions in a push need foreign keys off (see wrapAdapter).
    atomically: async (fn) => (await connectMain()).atomically(fn, { foreignKeysOff: true }),
    missingHistory: {
      tableMissing: async () => {
        const { query } = sqlHelpers(await connectMain())
        const rows = await query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
        return rows.length === 0
      },
      rolledBack: async (fn) => (await connectMain()).rolledBack(fn),
    },
    // The WebAssembly engine's SQLite reset only deletes rows. The native one empties the file, which is what
    // `migrate reset` needs: even a leftover `sqlite_sequence` table makes the next `applyMigrations` refuse (P3005).
    reset: async (filter) => {
      const adapter = await connectMain()
      if (filter.externalTables.length === 0) return adapter.replace(async () => {
        const path = sqlitePath(datasource.url)
        for (const suffix of ['-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true })
        truncateSync(path)
        return base.connect()
      })
      // Tables managed outside Prisma stay; everything else goes.
      const { query, run } = sqlHelpers(adapter)
      const external = new Set(filter.externalTables)
      await adapter.atomically(
        async () => {
          const objects = await query("SELECT type, name FROM sqlite_master WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite_%'")
          for (const [type, name] of objects) {
            if (type === 'view') await run(`DROP VIEW "${name}"`)
            else if (!external.has(String(name))) await run(`DROP TABLE "${name}"`)
          }
        },
        { foreignKeysOff: true },
      )
    },
    dispose: async () => {
      if (main && !main.disposed) await main.dispose()
    },
  }
}

/**
 * The driver adapter factory for a SQLite file: better-sqlite3's, or libSQL's on Bun (a Bun app's `bun --bun vitest`,
 * or `bunx --bun prisma`), which cannot load that Node addon, and in apps without better-sqlite3 (a Workers app reads
 * its local D1 file). With libSQL, `db push` and `migrate diff` work; scripts (migrations, `db execute`) do not,
 * since libSQL ends the transaction that wraps them: run those with better-sqlite3 on Node.
 * @param {string} url @param {string | undefined} shadowDatabaseUrl
 */
async function sqliteAdapter(url, shadowDatabaseUrl) {
  if (process.versions.bun || !isInstalled('@prisma/adapter-better-sqlite3')) {
    const { PrismaLibSql } = await importPackage('@prisma/adapter-libsql')
    return new PrismaLibSql({ url, intMode: 'bigint' })
  }
  const { PrismaBetterSqlite3 } = await importPackage('@prisma/adapter-better-sqlite3')
  return new PrismaBetterSqlite3({ url }, { shadowDatabaseUrl })
}

/** Whether the app has a package (resolved from this folder, as `import` would). */
function isInstalled(/** @type {string} */ name) {
  try {
    import.meta.resolve(name)
    return true
  } catch {
    return false
  }
}

/**
 * Wraps a better-sqlite3 adapter (or libSQL's, on Bun):
 * - multi-statement SQL sent through executeRaw (the engine does this when it replays migrations on the shadow
 *   database) runs as a script, since better-sqlite3 prepares one statement at a time;
 * - scripts (migrations, `db execute`) run in a transaction, so a failing one leaves no half-applied changes;
 * - `atomically` runs a whole engine command (`db push`) in one transaction;
 * - `replace` swaps the connection underneath, for the engine keeps the adapter object it was first given.
 * @param {any} initial a PrismaBetterSqlite3 adapter
 */
function wrapAdapter(initial) {
  let adapter = initial
  const { query, run } = sqlHelpers({ queryRaw: (q) => adapter.queryRaw(q), executeRaw: (q) => adapter.executeRaw(q) })
  let depth = 0

  const wrapped = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    disposed: false,
    queryRaw: (/** @type {any} */ q) => adapter.queryRaw(q),
    startTransaction: (/** @type {any} */ level) => adapter.startTransaction(level),
    async executeRaw(/** @type {any} */ q) {
      try {
        return await adapter.executeRaw(q)
      } catch (error) {
        if (q.args.length > 0 || !String(error).includes('more than one statement')) throw error
        await wrapped.executeScript(q.sql)
        return 0
      }
    },
    async executeScript(/** @type {string} */ script) {
      if (depth > 0 || managesOwnTransaction(script)) return adapter.executeScript(script)
      // Generated migrations switch foreign keys off around table redefinitions; other scripts keep them on,
      // so that their deletes cascade as they would without the transaction.
      const foreignKeysOff = /PRAGMA\s+foreign_keys\s*=\s*(OFF|0|false|no)\b/i.test(script)
      return wrapped.atomically(() => adapter.executeScript(script), { foreignKeysOff })
    },
    async dispose() {
      wrapped.disposed = true
      await adapter.dispose()
    },

    /** Closes the connection, lets `reopen` change the file, and continues on the connection it returns. */
    async replace(/** @type {() => Promise<any>} */ reopen) {
      await adapter.dispose()
      adapter = await reopen()
    },

    /**
     * Runs `fn` in one transaction, committed only if it succeeds. With `foreignKeysOff`, foreign keys are
     * switched off for its duration, as Prisma's SQLite scripts do around table redefinitions: their own
     * `PRAGMA foreign_keys=OFF` is a no-op inside a transaction, and with foreign keys on, dropping the old parent
     * table would cascade-delete the child rows. New foreign key violations are checked before committing instead.
     * @template T @param {() => Promise<T>} fn @param {{ foreignKeysOff: boolean }} options @returns {Promise<T>}
     */
    async atomically(fn, { foreignKeysOff }) {
      if (depth > 0) return fn()
      const foreignKeys = foreignKeysOff && Number((await query('PRAGMA foreign_keys'))[0]?.[0]) === 1
      const violationsBefore = foreignKeys ? (await query('PRAGMA foreign_key_check')).length : 0
      if (foreignKeys) await run('PRAGMA foreign_keys = OFF')
      await run('BEGIN IMMEDIATE')
      depth++
      try {
        const result = await fn()
        if (foreignKeys && (await query('PRAGMA foreign_key_check')).length > violationsBefore) {
          throw new EngineError('The change would leave rows whose foreign keys point to missing rows; nothing was changed.')
        }
        await run('COMMIT')
        return result
      } catch (error) {
        await run('ROLLBACK').catch(() => {})
        throw error
      } finally {
        depth--
        if (foreignKeys) await run('PRAGMA foreign_keys = ON')
      }
    },

    /** Runs `fn` in a transaction that is always rolled back. @template T @param {() => Promise<T>} fn */
    async rolledBack(fn) {
      await run('BEGIN')
      depth++
      try {
        return await fn()
      } finally {
        depth--
        await run('ROLLBACK')
      }
    },
  }
  return wrapped
}
