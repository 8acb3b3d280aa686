import type { DatabaseName, FieldDescription } from './description.js'
import { typeInfo } from './field-types.js'

export type { DatabaseName }

/** What each database means to the generated app: Prisma provider, driver adapter, URL, native column types. */
export interface DatabaseInfo {
  provider: DatabaseName
  label: string
  /** The driver adapter and the driver it wraps, as npm package names. */
  packages: [adapter: string, driver: string]
  /** The URL an app gets in .env (`{name}` is the app's name). */
  defaultUrl: string
  /** Whether the offline schema engine (prisma/schema-engine) can create its tables. */
  offlineEngine: boolean
  /** Prisma's native type attribute for a field, where the database has a better column than the default. */
  nativeType: (field: FieldDescription) => string | undefined
}

export const databases: Record<DatabaseName, DatabaseInfo> = {
  sqlite: {
    provider: 'sqlite',
    label: 'SQLite',
    packages: ['@prisma/adapter-better-sqlite3', 'better-sqlite3'],
    defaultUrl: 'file:./dev.db',
    offlineEngine: true,
    nativeType: () => undefined,
  },
  postgresql: {
    provider: 'postgresql',
    label: 'PostgreSQL',
    packages: ['@prisma/adapter-pg', 'pg'],
    defaultUrl: 'postgresql://postgres@localhost:5432/{name}',
    offlineEngine: true,
    nativeType: (field) => typeInfo(field.type).native.postgresql?.(field),
  },
  mysql: {
    provider: 'mysql',
    label: 'MySQL / MariaDB',
    packages: ['@prisma/adapter-mariadb', 'mariadb'],
    defaultUrl: 'mysql://root@localhost:3306/{name}',
    offlineEngine: false,
    nativeType: (field) => typeInfo(field.type).native.mysql?.(field),
  },
}

export const databaseNames = Object.keys(databases) as DatabaseName[]

export const isDatabaseName = (name: string): name is DatabaseName => Object.hasOwn(databases, name)
