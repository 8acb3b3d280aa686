import type { NameVariants } from './naming.js'

/** The databases an app can run on. */
export type DatabaseName = 'sqlite' | 'postgresql' | 'mysql'

/** The runtimes an app can be served on. */
export type RuntimeName = 'node' | 'bun' | 'workers'

/** The field types that hold a value (src/model/field-types.ts says what each means). */
export type ScalarType = 'string' | 'text' | 'int' | 'bigint' | 'float' | 'decimal' | 'boolean' | 'datetime' | 'date' | 'json' | 'bytes' | 'uuid' | 'enum'

/**
 * The normalized model description: the one thing every writer reads.
 * Parsers produce definitions; `describeApp` checks them and builds this.
 */
export interface AppDescription {
  /** The app's package name, e.g. `myapp`. */
  name: string
  database: DatabaseName
  runtime: RuntimeName
  /** Accounts: sign-up, sign-in and sessions (`auth: true`); each model's `access` then says who may write it. */
  auth: boolean
  models: ModelDescription[]
}

/**
 * Who may reach a model's rows: anyone reads and writes (`public`); anyone reads and signed-in accounts write
 * (`signed-in`); each account reads and writes only the rows it created, and an admin every row (`owner`).
 */
export type AccessRule = 'public' | 'signed-in' | 'owner'

export interface ModelDescription {
  /** PascalCase, as written in code: `BlogPost`. */
  name: string
  names: NameVariants
  /** The SQL table, snake_case by Flask-SQLAlchemy's rule: `blog_post`. */
  table: string
  /** Columns, in the order written (foreign keys right after their relation's place). */
  fields: FieldDescription[]
  /** Relations: belongs-to (with a foreign key among `fields`), has-many and many-to-many. */
  relations: RelationDescription[]
  /** The primary key field. */
  id: FieldDescription
  /** The field that labels a row wherever one is shown: given, or the first unique string, first string, the id. */
  display: FieldDescription
  /** URL paths: the list (`/users`), one row (`/user`, followed by `/:id`), the JSON API (`/api/users`). */
  paths: { list: string; row: string; api: string }
  /** Fields the list may be sorted by, each backed by an index; the first is the default order. */
  sortable: FieldDescription[]
  /** Composite unique constraints and indexes, as lists of field names. */
  uniques: string[][]
  indexes: string[][]
  /** `signed-in` by default when the app has accounts, else `public`; `owner` adds an `ownerId` column that the app sets. */
  access: AccessRule
}

export interface FieldDescription {
  name: string
  type: ScalarType
  optional: boolean
  unique: boolean
  /** A single-column index (`:index`, or a foreign key). */
  index: boolean
  isId: boolean
  /** Prisma default expression, e.g. `autoincrement()`, `now()`, `"draft"`; undefined when none. */
  default?: string
  /** `@updatedAt`: Prisma sets it on every write. */
  updatedAt: boolean
  /** Max length for strings. */
  maxLength?: number
  /** Digits in all and after the point, for decimals. */
  precision?: number
  scale?: number
  /** The enum's Prisma name and values, for enum fields. */
  enum?: { name: string; values: string[] }
  /** Human label: `Email address` for `emailAddress`. */
  label: string
  /** True when the database or Prisma fills the value (autoincrement, uuid id, stamps): not in forms or input schemas. */
  generated: boolean
  /** For a foreign key, the belongs-to relation it holds. */
  relation?: RelationDescription
}

export type OnDelete = 'Cascade' | 'Restrict' | 'SetNull' | 'NoAction'

export interface RelationDescription {
  kind: 'belongsTo' | 'hasMany' | 'manyToMany'
  /** The relation field on this model: `author`, `books`, `tags`. */
  name: string
  /** The model on the other side. */
  target: string
  /** The relation field on the other side. */
  inverse: string
  /** Written in this model's definition (false for the inverse side that the generator adds). */
  declared: boolean
  /** Prisma's relation name, when the same two models are related more than once (or a model to itself). */
  relationName?: string
  /** belongs-to only: the foreign key field, whether the parent may be absent, and what deleting the parent does. */
  foreignKey?: FieldDescription
  optional: boolean
  onDelete?: OnDelete
  label: string
}
