// @ts-check
import { EngineError, connectionErrors } from './errors.mjs'

/** @typedef {'sqlite' | 'postgresql' | 'mysql'} Provider */

/** Which driver adapter serves which URL scheme. */
const PROVIDERS = /** @type {const} */ ({
  'file:': { provider: 'sqlite', adapterPackage: '@prisma/adapter-better-sqlite3', driverPackage: 'better-sqlite3' },
  'postgres:': { provider: 'postgresql', adapterPackage: '@prisma/adapter-pg', driverPackage: 'pg' },
  'postgresql:': { provider: 'postgresql', adapterPackage: '@prisma/adapter-pg', driverPackage: 'pg' },
  'mysql:': { provider: 'mysql', adapterPackage: '@prisma/adapter-mariadb', driverPackage: 'mariadb' },
  'mariadb:': { provider: 'mysql', adapterPackage: '@prisma/adapter-mariadb', driverPackage: 'mariadb' },
})

/**
 * The database provider and the driver adapter package for a datasource URL.
 * @param {string} url
 * @returns {{ provider: Provider, adapterPackage: string, driverPackage: string }}
 */
export function adapterForUrl(url) {
  const scheme = /^[a-z]+:/i.exec(url)?.[0].toLowerCase()
  const entry = scheme ? PROVIDERS[/** @type {keyof typeof PROVIDERS} */ (scheme)] : undefined
  if (!entry) {
    throw connectionErrors.invalidUrl(
      'The URL must start with `file:` (SQLite), `postgresql://` (PostgreSQL) or `mysql://` (MySQL, MariaDB).',
    )
  }
  return entry
}

/**
 * Imports an adapter or driver package from the app's node_modules, or explains which package to install.
 * @param {string} name
 * @returns {Promise<any>}
 */
export async function importPackage(name) {
  try {
    return await import(name)
  } catch (error) {
    if (/** @type {{ code?: string }} */ (error).code === 'ERR_MODULE_NOT_FOUND') {
      // The adapter may be installed while its driver (pg, better-sqlite3) is not: name the one that is missing.
      const missing = /Cannot find package '([^']+)'/.exec(String(error))?.[1] ?? name
      throw new EngineError(
        `The offline schema engine needs the package \`${missing}\` for this database. Install it with \`npm install ${missing}\`.`,
      )
    }
    throw error
  }
}
