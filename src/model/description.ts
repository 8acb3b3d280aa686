import type { NameVariants } from './naming.js'
import type { ScalarType } from './field-types.js'

/**
 * The normalized model description: the one thing every writer reads.
 * Parsers produce definitions; `describeApp` checks them and builds this.
 */
export interface AppDescription {
  /** The app's package name, e.g. `myapp`. */
  name: string
  database: 'sqlite'
  models: ModelDescription[]
}

export interface ModelDescription {
  /** PascalCase, as written in code: `BlogPost`. */
  name: string
  names: NameVariants
  /** The SQL table, snake_case by Flask-SQLAlchemy's rule: `blog_post`. */
  table: string
  fields: FieldDescription[]
  /** The primary key field. */
  id: FieldDescription
  /** The list's order: the first unique string field, else the primary key. */
  orderBy: FieldDescription
  /** The field that labels a row wherever one is shown: first unique string, first string, then the id. */
  display: FieldDescription
  /** URL paths: the list (`/users`), one row (`/user`, followed by `/:id`), the JSON API (`/api/users`). */
  paths: { list: string; row: string; api: string }
  /** Fields the list may be sorted by: the primary key and every unique field, each backed by an index. */
  sortable: FieldDescription[]
}

export interface FieldDescription {
  name: string
  type: ScalarType
  optional: boolean
  unique: boolean
  isId: boolean
  /** Prisma default expression, e.g. `autoincrement()`; undefined when none. */
  default?: string
  /** `max length` for strings; undefined when unbounded. */
  maxLength?: number
  /** Human label: `Email address` for `emailAddress`. */
  label: string
  /** True when the database fills the value (autoincrement id): left out of forms and input schemas. */
  generated: boolean
}
