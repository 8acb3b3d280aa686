import type { DatabaseName, FieldDescription, ScalarType } from './description.js'

export type InputKind = 'text' | 'textarea' | 'number' | 'checkbox' | 'datetime-local' | 'date' | 'select'

/** What a type that can be a primary key means in URLs and in the database. */
export interface KeyInfo {
  /** Prisma's default for a generated key. */
  default: string
  /** The functions of the app's lib/params.ts that read the key from a URL (404 when malformed) and check it. */
  parse: 'parseId' | 'parseUuid'
  check: 'isId' | 'isUuid'
  /** How a checked text becomes the key's value (empty: it already is one). */
  fromText: string
  /** A key that no row has, for tests. */
  missing: string
  /** The key in a URL as the OpenAPI document describes it (a JSON Schema, written as TypeScript). */
  inPath: string
}

/**
 * One table says what each field type means everywhere: in the Prisma schema and each database's columns, in the
 * input schema (zod), in a form, on a page, in JSON, and as sample values for generated tests. Nothing else
 * branches on a field's type.
 */
export interface FieldTypeInfo {
  /** The Prisma type (an enum's name for enums). */
  prisma: (field: FieldDescription) => string
  /** Prisma's native type attribute, where a database has a better column than Prisma's default one. */
  native: { postgresql?: (field: FieldDescription) => string | undefined; mysql?: (field: FieldDescription) => string | undefined }
  /** zod schema for one value from a form (a string) or from JSON; blank and missing are handled around it. */
  zod: (field: FieldDescription) => string
  /** zod schema of a value as the JSON API sends it (the OpenAPI document's response rows are built from it). */
  sent: (field: FieldDescription) => string
  /** A value as the JSON API sends it, for the OpenAPI document's examples. */
  example: (field: FieldDescription) => unknown
  /** A value as a JSON body gives it, where that differs from the example above. */
  exampleInput?: unknown
  /** The validation helper that makes an optional value of this type: blank or missing is stored as NULL. */
  optional: 'optional' | 'optionalJson'
  /** A checkbox: absent means false, so the value is never required nor optional. */
  absentIsFalse: boolean
  input: InputKind
  /** The `step` of a number input, where it is not 1. */
  step?: (field: FieldDescription) => string
  /** The function of views/format.ts that shows a value on a page. */
  format: 'formatValue' | 'formatDate'
  /** Free text: the list's text filter searches it, and pages show it as typed. */
  searchable: boolean
  /** Short text that can label a row (the display field when none is named). */
  labelsRows: boolean
  /** Whether `JSON.stringify` carries the value as it is (bigint throws; bytes are spelled out one by one). */
  jsonSafe: boolean
  /** A TypeScript expression for a sample value as a form submits it, distinct for each value of `n`. */
  sample: (field: FieldDescription) => string
  /** What may stand in parentheses after the type. */
  args: 'none' | 'maxLength' | 'decimal' | 'enum'
  /** Keywords that `default(...)` takes besides a literal value, and an example for messages. */
  defaultKeywords: readonly ('now' | 'uuid' | 'autoincrement')[]
  defaultExample: string
  /** Checks a literal `default(value)`; returns the Prisma default expression, or undefined when the value does not fit. */
  literal: (value: string, field: FieldDescription) => string | undefined
  /** Whether a single-column unique constraint makes sense (and can be sampled distinctly in tests). */
  canBeUnique: boolean
  /** Whether the databases can index the column. */
  indexable: boolean
  /** Set for the types that can be a primary key. */
  key?: KeyInfo
  /** For dates and times: the first and last instant each database stores (a value outside is a field error). */
  range?: Record<DatabaseName, { min: string; max: string }>
  /** For JSON: how deep a value may nest on each database. */
  maxDepth?: Record<DatabaseName, number>
}

const quoted = (value: string) => JSON.stringify(value)
const integer = (min: bigint, max: bigint) => (value: string) => {
  if (!/^-?[0-9]+$/.test(value)) return undefined
  const n = BigInt(value)
  return n >= min && n <= max ? value : undefined
}
const int32 = integer(-(2n ** 31n), 2n ** 31n - 1n)
const int64 = integer(-(2n ** 63n), 2n ** 63n - 1n)
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const varchar = (field: FieldDescription) => (field.maxLength === undefined ? undefined : `@db.VarChar(${field.maxLength})`)
const decimalColumn = (field: FieldDescription) => `@db.Decimal(${field.precision}, ${field.scale})`

/**
 * The instants a date or time column holds on each database, as the apps write them. MySQL and MariaDB document
 * DATETIME and DATE from 1000-01-01 to 9999-12-31. PostgreSQL's columns reach further (4713 BC to 294276 AD), and
 * SQLite has no date type, but Prisma's driver adapters write ISO 8601 text with four-digit years: a year before 1
 * or after 9999 is a 500 there (PostgreSQL refuses `-000001-01-01`), so both take years 1 to 9999.
 */
const dateRange: Record<DatabaseName, { min: string; max: string }> = {
  sqlite: { min: '0001-01-01T00:00:00.000Z', max: '9999-12-31T23:59:59.999Z' },
  postgresql: { min: '0001-01-01T00:00:00.000Z', max: '9999-12-31T23:59:59.999Z' },
  mysql: { min: '1000-01-01T00:00:00.000Z', max: '9999-12-31T23:59:59.999Z' },
}

/** The row's defaults: a value typed into a text input, shown as it is, carried by JSON as it is. */
const plain = {
  native: {},
  optional: 'optional',
  absentIsFalse: false,
  format: 'formatValue',
  searchable: false,
  labelsRows: false,
  jsonSafe: true,
  args: 'none',
  defaultKeywords: [],
  canBeUnique: true,
  indexable: true,
} as const

export const fieldTypes: Record<ScalarType, FieldTypeInfo> = {
  string: {
    ...plain,
    prisma: () => 'String',
    native: { postgresql: varchar, mysql: varchar },
    zod: (field) => `storableText${field.maxLength === undefined ? '' : `.max(${field.maxLength})`}`,
    sent: () => 'z.string()',
    example: (field) => `${field.label} 1`.slice(0, field.maxLength),
    input: 'text',
    searchable: true,
    labelsRows: true,
    sample: (field) => `\`${field.name}-\${n}\``,
    args: 'maxLength',
    defaultExample: 'default(text)',
    literal: (value, field) => (field.maxLength === undefined || value.length <= field.maxLength ? quoted(value) : undefined),
  },
  text: {
    ...plain,
    prisma: () => 'String',
    native: { mysql: () => '@db.Text' },
    zod: () => 'storableText',
    sent: () => 'z.string()',
    example: (field) => `Some ${field.label.toLowerCase()} text`,
    input: 'textarea',
    searchable: true,
    sample: (field) => `\`Some ${field.name} text \${n}\``,
    defaultExample: 'default(text)',
    literal: quoted,
    canBeUnique: false,
    indexable: false,
  },
  int: {
    ...plain,
    prisma: () => 'Int',
    zod: () => 'z.coerce.number().int().min(-2147483648).max(2147483647)',
    sent: () => 'z.int32()',
    example: () => 1,
    input: 'number',
    sample: () => 'String(n)',
    defaultKeywords: ['autoincrement'],
    defaultExample: 'default(0)',
    literal: int32,
    key: { default: 'autoincrement()', parse: 'parseId', check: 'isId', fromText: 'Number', missing: '999999', inPath: "{ type: 'integer' }" },
  },
  bigint: {
    ...plain,
    prisma: () => 'BigInt',
    zod: () => 'bigInteger',
    sent: () => "z.string().regex(/^-?[0-9]+$/)",
    example: () => '1234567890123456',
    input: 'number',
    jsonSafe: false,
    sample: () => '`${n}000000000000`',
    defaultExample: 'default(0)',
    literal: int64,
  },
  float: {
    ...plain,
    prisma: () => 'Float',
    zod: () => 'z.coerce.number()',
    sent: () => 'z.number()',
    example: () => 1.5,
    input: 'number',
    step: () => 'any',
    sample: () => '`${n}.5`',
    defaultExample: 'default(1.5)',
    literal: (value) => (/^-?[0-9]+(\.[0-9]+)?$/.test(value) ? value : undefined),
  },
  decimal: {
    ...plain,
    prisma: () => 'Decimal',
    native: { postgresql: decimalColumn, mysql: decimalColumn },
    zod: (field) => `decimal(${field.precision}, ${field.scale})`,
    sent: () => "z.string().regex(/^-?[0-9]+(\\.[0-9]+)?$/)",
    example: (field) => ((field.scale ?? 0) > 0 ? `1.${'5'.padEnd(field.scale ?? 1, '0')}` : '1'),
    input: 'number',
    step: (field) => String(10 ** -(field.scale ?? 0)),
    sample: (field) => ((field.scale ?? 0) > 0 ? `\`\${n}.${'5'.padEnd(field.scale ?? 1, '0')}\`` : 'String(n)'),
    args: 'decimal',
    defaultExample: 'default(1.5)',
    literal: (value, field) => {
      const [whole = '', fraction = ''] = value.replace(/^-/, '').split('.')
      const fits = /^-?[0-9]+(\.[0-9]+)?$/.test(value) && whole.length <= (field.precision ?? 0) - (field.scale ?? 0) && fraction.length <= (field.scale ?? 0)
      return fits ? value : undefined
    },
  },
  boolean: {
    ...plain,
    prisma: () => 'Boolean',
    zod: () => 'checkbox',
    sent: () => 'z.boolean()',
    example: () => true,
    absentIsFalse: true,
    input: 'checkbox',
    sample: () => "'on'",
    defaultExample: 'default(false)',
    literal: (value) => (value === 'true' || value === 'false' ? value : undefined),
    canBeUnique: false,
  },
  datetime: {
    ...plain,
    prisma: () => 'DateTime',
    zod: () => 'dateTime',
    sent: () => 'z.iso.datetime()',
    example: () => '2026-03-04T05:06:07.000Z',
    input: 'datetime-local',
    range: dateRange,
    sample: () => "`2026-01-${String(n).padStart(2, '0')}T10:30`",
    defaultKeywords: ['now'],
    defaultExample: 'default(now)',
    literal: (value) => (!Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value) ? quoted(new Date(value).toISOString()) : undefined),
  },
  date: {
    ...plain,
    prisma: () => 'DateTime',
    native: { postgresql: () => '@db.Date', mysql: () => '@db.Date' },
    zod: () => 'isoDate',
    sent: () => 'z.iso.datetime()',
    example: () => '2026-03-04T00:00:00.000Z',
    exampleInput: '2026-03-04',
    input: 'date',
    range: dateRange,
    format: 'formatDate',
    sample: () => "`2026-02-${String(n).padStart(2, '0')}`",
    defaultKeywords: ['now'],
    defaultExample: 'default(now)',
    literal: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? quoted(`${value}T00:00:00.000Z`) : undefined),
  },
  json: {
    ...plain,
    prisma: () => 'Json',
    zod: () => 'jsonText',
    sent: () => 'jsonValue',
    example: () => ({ key: 'value' }),
    optional: 'optionalJson',
    // MariaDB's JSON_VALID, the check on its JSON columns, refuses 32 levels; SQLite's JSON functions stop at 1000,
    // and PostgreSQL's parser runs out of stack far deeper (5,000 levels pass).
    maxDepth: { sqlite: 1000, postgresql: 1000, mysql: 31 },
    input: 'textarea',
    sample: () => '`{"n":${n}}`',
    defaultExample: 'default(text)',
    literal: (value) => {
      try {
        JSON.parse(value)
        return quoted(value)
      } catch {
        return undefined
      }
    },
    canBeUnique: false,
    indexable: false,
  },
  bytes: {
    ...plain,
    prisma: () => 'Bytes',
    zod: () => 'base64Bytes',
    sent: () => 'z.base64()',
    example: () => 'aGVsbG8=',
    input: 'textarea',
    jsonSafe: false,
    sample: () => "Buffer.from(`bytes-${n}`).toString('base64')",
    defaultExample: 'default(text)',
    literal: () => undefined,
    canBeUnique: false,
    indexable: false,
  },
  uuid: {
    ...plain,
    prisma: () => 'String',
    native: { postgresql: () => '@db.Uuid', mysql: () => '@db.Char(36)' },
    zod: () => 'z.uuid()',
    sent: () => 'z.uuid()',
    example: () => '0b6e0fd2-5f7e-4c3a-9d8e-1a2b3c4d5e6f',
    input: 'text',
    sample: () => "`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`",
    defaultKeywords: ['uuid'],
    defaultExample: 'default(uuid)',
    literal: (value) => (uuidPattern.test(value) ? quoted(value) : undefined),
    key: { default: 'uuid()', parse: 'parseUuid', check: 'isUuid', fromText: '', missing: '00000000-0000-4000-8000-999999999999', inPath: "{ type: 'string', format: 'uuid' }" },
  },
  enum: {
    ...plain,
    prisma: (field) => field.enum?.name ?? 'String',
    zod: (field) => `z.enum([${(field.enum?.values ?? []).map((value) => `'${value}'`).join(', ')}])`,
    sent: (field) => `z.enum([${(field.enum?.values ?? []).map((value) => `'${value}'`).join(', ')}])`,
    example: (field) => field.enum?.values[0],
    input: 'select',
    sample: (field) => `'${field.enum?.values[0] ?? ''}'`,
    args: 'enum',
    defaultExample: 'default(value)',
    literal: (value, field) => (field.enum?.values.includes(value) ? value : undefined),
    canBeUnique: false,
  },
}

export const scalarTypeNames = Object.keys(fieldTypes) as ScalarType[]

/** Types that relate models rather than hold a value. */
export const relationTypeNames = ['belongsTo', 'manyToMany'] as const

export function isScalarType(name: string): name is ScalarType {
  return Object.hasOwn(fieldTypes, name)
}

export const typeInfo = (type: ScalarType): FieldTypeInfo => fieldTypes[type]

/** What a primary key of this type means (every key's type has a row with `key`: describe checks it). */
export const keyInfo = (field: FieldDescription): KeyInfo => typeInfo(field.type).key!
