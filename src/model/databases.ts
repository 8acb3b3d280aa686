import type { FieldDescription } from './description.js'

export type DatabaseName = 'sqlite' | 'postgresql' | 'mysql'

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
    nativeType: (field) => {
      if (field.type === 'string' && field.maxLength !== undefined) return `@db.VarChar(${field.maxLength})`
      if (field.type === 'decimal') return `@db.Decimal(${field.precision}, ${field.scale})`
      if (field.type === 'date') return '@db.Date'
      if (field.type === 'uuid') return '@db.Uuid'
      return undefined
    },
  },
  mysql: {
    provider: 'mysql',
    label: 'MySQL / MariaDB',
    packages: ['@prisma/adapter-mariadb', 'mariadb'],
    defaultUrl: 'mysql://root@localhost:3306/{name}',
    offlineEngine: false,
    nativeType: (field) => {
      if (field.type === 'string' && field.maxLength !== undefined) return `@db.VarChar(${field.maxLength})`
      if (field.type === 'text') return '@db.Text'
      if (field.type === 'decimal') return `@db.Decimal(${field.precision}, ${field.scale})`
      if (field.type === 'date') return '@db.Date'
      if (field.type === 'uuid') return '@db.Char(36)'
      return undefined
    },
  },
}

export const databaseNames = Object.keys(databases) as DatabaseName[]

export const isDatabaseName = (name: string): name is DatabaseName => Object.hasOwn(databases, name)
