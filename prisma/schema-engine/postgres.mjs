// @ts-check
import { randomUUID } from 'node:crypto'
import { importPackage } from './adapters.mjs'
import { EngineError, connectionErrors } from './errors.mjs'

/** Fail fast on an unreachable server instead of waiting for the operating system's TCP timeout. */
const CONNECT_TIMEOUT_MS = 5000

/** Connection string parameters that mean something to Prisma but not to `pg`. */
const PRISMA_ONLY_PARAMS = ['schema', 'connection_limit', 'pool_timeout', 'socket_timeout', 'pgbouncer', 'statement_cache_size', 'connect_timeout']

/**
 * Splits a PostgreSQL URL into what `pg` understands and what Prisma adds: `?schema=x` becomes the session's
 * search_path, as it is for the native engine.
 * @param {string} url
 * @param {string} [database] connect to this database instead of the URL's
 */
export function parsePostgresUrl(url, database) {
  let parsed
  try {
    parsed = new URL(url)
  } catch {
    throw connectionErrors.invalidUrl('It must look like `postgresql://user:password@host:5432/database`.')
  }
  const schema = parsed.searchParams.get('schema') ?? 'public'
  for (const name of PRISMA_ONLY_PARAMS) parsed.searchParams.delete(name)
  if (database !== undefined) parsed.pathname = `/${encodeURIComponent(database)}`
  return {
    schema,
    config: {
      connectionString: parsed.toString(),
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      options: `-c search_path="${schema.replaceAll('"', '""')}"`,
    },
    address: {
      host: parsed.hostname,
      port: parsed.port || '5432',
      user: decodeURIComponent(parsed.username),
      database: decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username),
    },
  }
}

/**
 * Prisma's wording for a failed connection.
 * @param {any} error an error from `pg`
 * @param {import('./errors.mjs').ServerAddress} address
 */
export function translatePostgresError(error, address) {
  switch (error?.code) {
    case '28P01': // invalid_password
    case '28000': // invalid_authorization_specification: unknown role, pg_hba.conf rejection
      return connectionErrors.authenticationFailed(address)
    case '3D000':
      return connectionErrors.databaseMissing(address)
    case '42P04':
      return connectionErrors.databaseExists(address)
    case '42501':
      return connectionErrors.accessDenied(address)
  }
  // A server error carries a five-character SQLSTATE; anything else (ECONNREFUSED, ENOTFOUND, a timeout,
  // "Connection terminated unexpectedly") means the server could not be reached.
  if (/^[0-9A-Z]{5}$/.test(String(error?.code))) return new EngineError(String(error.message))
  return connectionErrors.unreachable(address)
}

/**
 * Runs `fn` with a single client connected to `url` (or to another database on the same server).
 * @template T
 * @param {string} url
 * @param {string | undefined} database
 * @param {(client: any) => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withClient(url, database, fn) {
  const { default: pg } = await importPackage('pg')
  const { config, address } = parsePostgresUrl(url, database)
  const client = new pg.Client(config)
  client.on('error', () => {}) // a dropped connection surfaces through the pending query
  try {
    await client.connect()
    return await fn(client)
  } catch (error) {
    throw translatePostgresError(error, { ...address, database: parsePostgresUrl(url).address.database })
  } finally {
    await client.end().catch(() => {})
  }
}

/** `cli can-connect-to-database`. @param {string} url */
export async function checkPostgres(url) {
  await withClient(url, undefined, async () => {})
}

/**
 * `cli create-database`, from the server's maintenance database, as the native engine does.
 * @param {string} url
 */
export async function createPostgres(url) {
  const { address } = parsePostgresUrl(url)
  await withClient(url, 'postgres', (client) => client.query(`CREATE DATABASE "${address.database.replaceAll('"', '""')}"`))
}

/**
 * The driver adapter factory for a PostgreSQL datasource, with these repairs to @prisma/adapter-pg:
 * - the engine's schema queries return columns of type `"char"` (OID 18), which the adapter cannot map: they are
 *   read as text;
 * - the main connection pool holds one connection, so a transaction of this session covers the engine's statements;
 * - scripts run as one multi-statement query (the adapter splits them at every `;`, breaking `$$` bodies and
 *   strings, and runs them one by one); PostgreSQL then applies the whole script or none of it;
 * - the shadow database: the adapter's shadow pool ignores the database it creates (the connection string wins)
 *   and drops it while its own pool still holds connections. Here the shadow pool connects to the shadow
 *   database, and the database is dropped after that pool has closed.
 * @param {import('./args.mjs').Datasource} datasource
 * @returns {Promise<import('./database.mjs').Database>}
 */
export async function openPostgres(datasource) {
  const { default: pg } = await importPackage('pg')
  const { PrismaPg } = await importPackage('@prisma/adapter-pg')

  /** Reports `"char"` columns as `text`; the value is a one-character string either way. */
  class CharAsTextClient extends pg.Client {
    /** @param {any} config @param {any} [values] @param {any} [callback] */
    query(config, values, callback) {
      if (typeof values === 'function') [callback, values] = [values, undefined]
      if (typeof callback === 'function') {
        return super.query(config, values, (/** @type {any} */ err, /** @type {any} */ res) => callback(err, err ? res : charAsText(res)))
      }
      const result = super.query(config, values)
      return typeof result?.then === 'function' ? result.then(charAsText) : result
    }
  }

  /** @param {string} url @param {string} [database] @param {object} [poolOptions] */
  const connect = async (url, database, poolOptions = {}) => {
    const { config, schema } = parsePostgresUrl(url, database)
    const pool = new pg.Pool({ ...config, ...poolOptions, Client: CharAsTextClient })
    pool.on('error', () => {}) // idle clients dropped by the server: the next query reports it
    const adapter = await new PrismaPg(pool, { schema, disposeExternalPool: true }).connect()
    return { pool, adapter: wrapAdapter(adapter, pool) }
  }

  const main = await connect(datasource.url, undefined, { max: 1, idleTimeoutMillis: 0 })
  const { address } = parsePostgresUrl(datasource.url)
  await main.pool.query('SELECT 1').catch((/** @type {unknown} */ error) => {
    throw translatePostgresError(error, address)
  })

  const factory = {
    provider: 'postgres',
    adapterName: main.adapter.adapterName,
    connect: async () => main.adapter,
    connectToShadowDb: async () => {
      if (datasource.shadowDatabaseUrl) {
        // A configured shadow database is emptied first, as the native engine does; the WebAssembly engine would
        // report what it finds there as drift.
        const shadow = await connect(datasource.shadowDatabaseUrl)
        const schema = `"${parsePostgresUrl(datasource.shadowDatabaseUrl).schema.replaceAll('"', '""')}"`
        await shadow.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`)
        return shadow.adapter
      }
      // Created and dropped over a connection of its own, outside the main connection's transaction.
      const name = `prisma_migrate_shadow_db_${randomUUID()}`
      await withClient(datasource.url, undefined, (client) => client.query(`CREATE DATABASE "${name}"`)).catch((error) => {
        throw new EngineError(
          `Prisma Migrate could not create the shadow database. Please make sure the database user has permission to create databases. Read more about the shadow database (and workarounds) at https://pris.ly/d/migrate-shadow\n\nOriginal error: ${error.message}`,
          { code: 'P3014' },
        )
      })
      const shadow = await connect(datasource.url, name)
      return {
        ...shadow.adapter,
        dispose: async () => {
          await shadow.adapter.dispose()
          await withClient(datasource.url, undefined, (client) => client.query(`DROP DATABASE IF EXISTS "${name}"`))
        },
      }
    },
  }

  return {
    factory,
    atomically: async (fn) => {
      await main.pool.query('BEGIN')
      try {
        const result = await fn()
        await main.pool.query('COMMIT')
        return result
      } catch (error) {
        await main.pool.query('ROLLBACK').catch(() => {})
        throw error
      }
    },
    missingHistory: undefined,
    reset: undefined,
    dispose: async () => {
      await main.adapter.dispose().catch(() => {})
    },
  }
}

/** @param {any} result one result or, for a multi-statement query, a list of them */
function charAsText(result) {
  for (const one of Array.isArray(result) ? result : [result]) {
    for (const field of one?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25
  }
  return result
}

/**
 * @param {any} adapter a PrismaPg adapter
 * @param {any} pool its pool
 */
function wrapAdapter(adapter, pool) {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (/** @type {any} */ q) => adapter.queryRaw(q),
    executeRaw: (/** @type {any} */ q) => adapter.executeRaw(q),
    startTransaction: (/** @type {any} */ level) => adapter.startTransaction(level),
    getConnectionInfo: () => adapter.getConnectionInfo(),
    dispose: () => adapter.dispose(),
    async executeScript(/** @type {string} */ script) {
      try {
        await pool.query(script)
      } catch (error) {
        adapter.onError(error) // throws the adapter's DriverAdapterError, which the engine maps to Prisma errors
      }
    },
  }
}
