/**
 * One table says what each field type means everywhere: in the Prisma schema, in TypeScript,
 * in the input schema (zod), in a form, and as sample values for generated tests.
 */
export interface FieldTypeInfo {
  /** Prisma scalar type. */
  prisma: string
  /** TypeScript type of the value Prisma returns. */
  ts: string
  /** zod schema for one value, from a form (a string) or from JSON; blank and missing are handled around it. */
  zod: string
  /** The `<input type>` that edits it, or `textarea`. */
  input: 'text' | 'number' | 'textarea' | 'checkbox' | 'datetime-local'
  /** A TypeScript expression for a sample value as a form submits it, distinct for each value of `n`. */
  sample: (fieldName: string) => string
}

export const fieldTypes = {
  string: {
    prisma: 'String',
    ts: 'string',
    zod: 'z.string().trim()',
    input: 'text',
    sample: (name) => `\`${name}-${'${n}'}\``,
  },
  text: {
    prisma: 'String',
    ts: 'string',
    zod: 'z.string().trim()',
    input: 'textarea',
    sample: (name) => `\`Some ${name} text ${'${n}'}\``,
  },
  int: {
    prisma: 'Int',
    ts: 'number',
    zod: 'z.coerce.number().int().min(-2147483648).max(2147483647)',
    input: 'number',
    sample: () => 'String(n)',
  },
  float: {
    prisma: 'Float',
    ts: 'number',
    zod: 'z.coerce.number()',
    input: 'number',
    sample: () => '`${n}.5`',
  },
  boolean: {
    prisma: 'Boolean',
    ts: 'boolean',
    zod: 'checkbox',
    input: 'checkbox',
    sample: () => "'on'",
  },
  datetime: {
    prisma: 'DateTime',
    ts: 'Date',
    zod: 'z.coerce.date()',
    input: 'datetime-local',
    sample: () => '`2026-01-${String(n).padStart(2, \'0\')}T10:00`',
  },
} satisfies Record<string, FieldTypeInfo>

export type ScalarType = keyof typeof fieldTypes

export const scalarTypeNames = Object.keys(fieldTypes) as ScalarType[]

export function isScalarType(name: string): name is ScalarType {
  return Object.hasOwn(fieldTypes, name)
}
