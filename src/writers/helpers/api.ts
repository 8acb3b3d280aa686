import type { AppDescription, FieldDescription, ModelDescription, RelationDescription } from '../../model/description.js'
import { typeInfo } from '../../model/field-types.js'
import { inputFields } from './forms.js'
import { belongsTo, idsField, manyToMany, modelNamed } from './relations.js'

/** The zod schema of one field as the JSON API sends it (null when the field is optional). */
export function sentField(field: FieldDescription): string {
  const schema = typeInfo(field.type).sent(field)
  return field.optional ? `${schema}.nullable()` : schema
}

/** The fields of a related row that the list sends with each row: its key and its display field (as linkSelect). */
function linkFields(app: AppDescription, relation: RelationDescription): FieldDescription[] {
  const target = modelNamed(app, relation.target)
  return [...new Set([target.id, target.display])]
}

/** The zod schema of a related row in the list: `{ id, name }`, null when the relation is optional. */
export function sentLink(app: AppDescription, relation: RelationDescription): string {
  const fields = linkFields(app, relation).map((field) => `${field.name}: ${typeInfo(field.type).sent(field)}`)
  return `z.object({ ${fields.join(', ')} })${relation.optional ? '.nullable()' : ''}`
}

/** Whether the list sends related rows with each row (its belongs-to parents). */
export const listHasLinks = (model: ModelDescription) => belongsTo(model).length > 0

/** A row as the JSON API sends it, for the OpenAPI document's examples. */
export function exampleRow(model: ModelDescription): Record<string, unknown> {
  const row = Object.fromEntries(model.fields.map((field) => [field.name, typeInfo(field.type).example(field)]))
  return model.access === 'owner' ? { ...row, ownerId: 1 } : row
}

/** A JSON body that creates a row, for the OpenAPI document's examples (related rows by id 1; no many-to-many links). */
export function exampleInput(model: ModelDescription): Record<string, unknown> {
  const fields = inputFields(model).map((field) => {
    const info = typeInfo(field.type)
    return [field.name, 'exampleInput' in info ? info.exampleInput : info.example(field)]
  })
  return Object.fromEntries([...fields, ...manyToMany(model).map((relation) => [idsField(relation), []])])
}

/** A JSON value written as TypeScript source: `{ id: 1, name: 'Ada' }`. */
export function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : literal(key)}: ${literal(item)}`)
    return `{ ${entries.join(', ')} }`
  }
  return String(value)
}
