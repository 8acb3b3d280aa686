// @ts-check
import { adapterForUrl } from './adapters.mjs'
import { EngineError } from './errors.mjs'
import { checkPostgres, createPostgres, openPostgres } from './postgres.mjs'
import { checkSqlite, createSqlite, openSqlite } from './sqlite.mjs'

/**
 * A connected database as the engine session sees it.
 * @typedef {object} Database
 * @property {object} factory the driver adapter factory handed to the WebAssembly engine
 * @property {<T>(fn: () => Promise<T>) => Promise<T>} atomically runs `fn` (a push) so that its changes apply all or not at all
 * @property {MissingHistory | undefined} missingHistory where the engine fails (P1014) on a missing `_prisma_migrations`
 * @property {((filter: { externalTables: string[] }) => Promise<void>) | undefined} reset a replacement for the engine's reset, where needed
 * @property {() => Promise<void>} dispose closes every connection
 */

/**
 * @typedef {object} MissingHistory
 * @property {() => Promise<boolean>} tableMissing whether `_prisma_migrations` does not exist yet
 * @property {<T>(fn: () => Promise<T>) => Promise<T>} rolledBack runs `fn` in a transaction that is always rolled back
 */

/**
 * The WebAssembly build of the schema engine contains the SQLite and PostgreSQL connectors only: given a MySQL
 * adapter it panics with "Unsupported adapter provider: Mysql". Say so before anything starts.
 * @param {string} url
 */
function supportedProvider(url) {
  const { provider } = adapterForUrl(url)
  if (provider === 'mysql') {
    throw new EngineError(
      "MySQL and MariaDB are not supported by the offline schema engine: Prisma's WebAssembly schema engine is built with the SQLite and PostgreSQL connectors only. " +
        "Use Prisma's native schema engine: unset PRISMA_SCHEMA_ENGINE_BINARY (and remove the line that sets it in prisma.config.ts) so the CLI downloads it.",
    )
  }
  return provider
}

/**
 * `cli can-connect-to-database`.
 * @param {import('./args.mjs').Datasource} datasource
 */
export async function checkDatabase(datasource) {
  if (supportedProvider(datasource.url) === 'sqlite') checkSqlite(datasource.url)
  else await checkPostgres(datasource.url)
}

/**
 * `cli create-database`.
 * @param {import('./args.mjs').Datasource} datasource
 */
export async function createDatabase(datasource) {
  if (supportedProvider(datasource.url) === 'sqlite') createSqlite(datasource.url)
  else await createPostgres(datasource.url)
}

/**
 * Connects to the datasource for server mode.
 * @param {import('./args.mjs').Datasource} datasource
 * @returns {Promise<Database>}
 */
export async function openDatabase(datasource) {
  return supportedProvider(datasource.url) === 'sqlite' ? openSqlite(datasource) : openPostgres(datasource)
}
