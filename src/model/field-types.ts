import type { FieldDescription } from './description.js'

export type InputKind = 'text' | 'textarea' | 'number' | 'checkbox' | 'datetime-local' | 'date' | 'select'

/**
 * One table says what each field type means everywhere: in the Prisma schema, in the input schema (zod),
 * in a form, and as sample values for generated tests.
 */
export interface FieldTypeInfo {
  /** The Prisma type (an enum's name for enums). */
  prisma: (field: FieldDescription) => string
  /** zod schema for one value from a form (a string) or from JSON; blank and missing are handled around it. */
  zod: (field: FieldDescription) => string
  input: InputKind
  /** A TypeScript expression for a sample value as a form submits it, distinct for each value of `n`. */
  sample: (field: FieldDescription) => string
  /** What may stand in parentheses after the type. */
  args: 'none' | 'maxLength' | 'decimal' | 'enum'
  /** Keywords that `default(...)` takes besides a literal value. */
  defaultKeywords: readonly ('now' | 'uuid' | 'autoincrement')[]
  /** Checks a literal `default(value)`; returns the Prisma default expression, or undefined when the value does not fit. */
  literal: (value: string, field: FieldDescription) => string | undefined
  /** Whether a single-column unique constraint makes sense (and can be sampled distinctly in tests). */
  canBeUnique: boolean
  canBeId: boolean
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

export const fieldTypes = {
  string: {
    prisma: () => 'String',
    zod: (field) => `z.string().trim()${field.maxLength === undefined ? '' : `.max(${field.maxLength})`}`,
    input: 'text',
    sample: (field) => `\`${field.name}-\${n}\``,
    args: 'maxLength',
    defaultKeywords: [],
    literal: (value, field) => (field.maxLength === undefined || value.length <= field.maxLength ? quoted(value) : undefined),
    canBeUnique: true,
    canBeId: false,
  },
  text: {
    prisma: () => 'String',
    zod: () => 'z.string().trim()',
    input: 'textarea',
    sample: (field) => `\`Some ${field.name} text \${n}\``,
    args: 'none',
    defaultKeywords: [],
    literal: quoted,
    canBeUnique: false,
    canBeId: false,
  },
  int: {
    prisma: () => 'Int',
    zod: () => 'z.coerce.number().int().min(-2147483648).max(2147483647)',
    input: 'number',
    sample: () => 'String(n)',
    args: 'none',
    defaultKeywords: ['autoincrement'],
    literal: int32,
    canBeUnique: true,
    canBeId: true,
  },
  bigint: {
    prisma: () => 'BigInt',
    zod: () => 'z.coerce.bigint().min(-9223372036854775808n).max(9223372036854775807n)',
    input: 'number',
    sample: () => '`${n}000000000000`',
    args: 'none',
    defaultKeywords: [],
    literal: int64,
    canBeUnique: true,
    canBeId: false,
  },
  float: {
    prisma: () => 'Float',
    zod: () => 'z.coerce.number()',
    input: 'number',
    sample: () => '`${n}.5`',
    args: 'none',
    defaultKeywords: [],
    literal: (value) => (/^-?[0-9]+(\.[0-9]+)?$/.test(value) ? value : undefined),
    canBeUnique: true,
    canBeId: false,
  },
  decimal: {
    prisma: () => 'Decimal',
    zod: (field) => `decimal(${field.precision}, ${field.scale})`,
    input: 'number',
    sample: (field) => ((field.scale ?? 0) > 0 ? `\`\${n}.${'5'.padEnd(field.scale ?? 1, '0')}\`` : 'String(n)'),
    args: 'decimal',
    defaultKeywords: [],
    literal: (value, field) => {
      const [whole = '', fraction = ''] = value.replace(/^-/, '').split('.')
      const fits = /^-?[0-9]+(\.[0-9]+)?$/.test(value) && whole.length <= (field.precision ?? 0) - (field.scale ?? 0) && fraction.length <= (field.scale ?? 0)
      return fits ? value : undefined
    },
    canBeUnique: true,
    canBeId: false,
  },
  boolean: {
    prisma: () => 'Boolean',
    zod: () => 'checkbox',
    input: 'checkbox',
    sample: () => "'on'",
    args: 'none',
    defaultKeywords: [],
    literal: (value) => (value === 'true' || value === 'false' ? value : undefined),
    canBeUnique: false,
    canBeId: false,
  },
  datetime: {
    prisma: () => 'DateTime',
    zod: () => 'z.coerce.date()',
    input: 'datetime-local',
    sample: () => "`2026-01-${String(n).padStart(2, '0')}T10:30`",
    args: 'none',
    defaultKeywords: ['now'],
    literal: (value) => (!Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value) ? quoted(new Date(value).toISOString()) : undefined),
    canBeUnique: true,
    canBeId: false,
  },
  date: {
    prisma: () => 'DateTime',
    zod: () => 'isoDate',
    input: 'date',
    sample: () => "`2026-02-${String(n).padStart(2, '0')}`",
    args: 'none',
    defaultKeywords: ['now'],
    literal: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? quoted(`${value}T00:00:00.000Z`) : undefined),
    canBeUnique: true,
    canBeId: false,
  },
  json: {
    prisma: () => 'Json',
    zod: () => 'jsonText',
    input: 'textarea',
    sample: () => '`{"n":${n}}`',
    args: 'none',
    defaultKeywords: [],
    literal: (value) => {
      try {
        JSON.parse(value)
        return quoted(value)
      } catch {
        return undefined
      }
    },
    canBeUnique: false,
    canBeId: false,
  },
  bytes: {
    prisma: () => 'Bytes',
    zod: () => 'base64Bytes',
    input: 'textarea',
    sample: () => "Buffer.from(`bytes-${n}`).toString('base64')",
    args: 'none',
    defaultKeywords: [],
    literal: () => undefined,
    canBeUnique: false,
    canBeId: false,
  },
  uuid: {
    prisma: () => 'String',
    zod: () => 'z.uuid()',
    input: 'text',
    sample: () => "`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`",
    args: 'none',
    defaultKeywords: ['uuid'],
    literal: (value) => (uuidPattern.test(value) ? quoted(value) : undefined),
    canBeUnique: true,
    canBeId: true,
  },
  enum: {
    prisma: (field) => field.enum?.name ?? 'String',
    zod: (field) => `z.enum([${(field.enum?.values ?? []).map((value) => `'${value}'`).join(', ')}])`,
    input: 'select',
    sample: (field) => `'${field.enum?.values[0] ?? ''}'`,
    args: 'enum',
    defaultKeywords: [],
    literal: (value, field) => (field.enum?.values.includes(value) ? value : undefined),
    canBeUnique: false,
    canBeId: false,
  },
} satisfies Record<string, FieldTypeInfo>

export type ScalarType = keyof typeof fieldTypes

export const scalarTypeNames = Object.keys(fieldTypes) as ScalarType[]

/** Types that relate models rather than hold a value. */
export const relationTypeNames = ['belongsTo', 'manyToMany'] as const

export function isScalarType(name: string): name is ScalarType {
  return Object.hasOwn(fieldTypes, name)
}

export const typeInfo = (type: ScalarType): FieldTypeInfo => fieldTypes[type]
