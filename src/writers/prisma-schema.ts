import type { AppDescription, FieldDescription, ModelDescription } from '../model/description.js'
import { fieldTypes } from '../model/field-types.js'

function attributes(field: FieldDescription): string {
  const parts: string[] = []
  if (field.isId) parts.push('@id')
  if (field.unique) parts.push('@unique')
  if (field.default !== undefined) parts.push(`@default(${field.default})`)
  return parts.join(' ')
}

/** Lines aligned in columns, the way `prisma format` writes them. */
function align(rows: string[][]): string[] {
  const widths = rows.reduce<number[]>((max, row) => row.map((cell, i) => Math.max(max[i] ?? 0, cell.length)), [])
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join(' ').trimEnd())
}

function modelBlock(model: ModelDescription): string {
  const rows = model.fields.map((field) => [field.name, fieldTypes[field.type].prisma + (field.optional ? '?' : ''), attributes(field)])
  const lines = align(rows).map((line) => `  ${line}`)
  return [`model ${model.name} {`, ...lines, '', `  @@map("${model.table}")`, '}'].join('\n')
}

/** `prisma/schema.prisma`: the client generator, the datasource and one block per model. */
export function prismaSchema(app: AppDescription): string {
  const header = [
    'generator client {',
    '  provider = "prisma-client"',
    '  output   = "../src/generated/prisma"',
    '}',
    '',
    'datasource db {',
    `  provider = "${app.database}"`,
    '}',
  ].join('\n')
  return [header, ...app.models.map(modelBlock)].join('\n\n') + '\n'
}
