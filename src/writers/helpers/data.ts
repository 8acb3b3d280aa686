import type { AppDescription, FieldDescription, ModelDescription } from '../../model/description.js'
import { keyInfo, typeInfo } from '../../model/field-types.js'
import { modelNamed } from './relations.js'

/** What the model's primary key means in URLs: how it is parsed and checked, and a key no row has. */
export const key = (model: ModelDescription) => keyInfo(model.id)

/** Whether ordering by the field alone is a total order; otherwise the primary key breaks ties. */
export const isTotalOrder = (field: FieldDescription) => field.isId || (field.unique && !field.optional)

/** The Prisma `orderBy` for a sort key of the list: `username`, or `-username` for descending. */
export function ordering(model: ModelDescription, field: FieldDescription, direction: 'asc' | 'desc'): string {
  const terms = [`{ ${field.name}: '${direction}' }`]
  if (!isTotalOrder(field)) terms.push(`{ ${model.id.name}: '${direction}' }`)
  return `[${terms.join(', ')}]`
}

/** Sort keys of the list, default first. */
export const sortKeys = (model: ModelDescription) => model.sortable.flatMap((field) => [field.name, `-${field.name}`])

/** Fields the list's text filter searches. */
export const searchFields = (model: ModelDescription) => model.fields.filter((field) => typeInfo(field.type).searchable && !field.relation)

/** The order a form's select lists a model's rows in: by the display field when an index serves it, else the list's default. */
export const choiceOrder = (model: ModelDescription) => (model.sortable.includes(model.display) ? model.display : model.sortable[0]!)

/** The Prisma `select` of a related row shown as a link or a choice: its key and its display field. */
export function linkSelect(app: AppDescription, target: string): string {
  const model = modelNamed(app, target)
  const fields = [...new Set([model.id.name, model.display.name])]
  return `select: { ${fields.map((name) => `${name}: true`).join(', ')} }`
}

export const linkOrder = (app: AppDescription, target: string) => `orderBy: { ${modelNamed(app, target).display.name}: 'asc' }`

/** `{ id }` when the key is named like the variable, else `{ code: id }`. */
export const idObject = (key: string, variable: string) => (key === variable ? `{ ${key} }` : `{ ${key}: ${variable} }`)

/** Whether values of the model need converting before JSON can carry them (bigint, bytes). */
export const needsJson = (model: ModelDescription) => model.fields.some((field) => !typeInfo(field.type).jsonSafe)
