import type { FieldDescription, ModelDescription } from '../model/description.js'
import { fieldTypes } from '../model/field-types.js'

/** Identifiers the templates use for one model, so every file spells them the same way. */
export function identifiers(model: ModelDescription) {
  const { singular, plural } = model.names
  return {
    /** One row: `user`. */
    row: singular.camel,
    /** Many rows: `users` (`sheepList` when the plural is the singular). */
    rows: plural.camel === singular.camel ? `${singular.camel}List` : plural.camel,
    /** Prisma Client's delegate: `db.user` (Prisma lower-cases the first letter only). */
    delegate: model.name.charAt(0).toLowerCase() + model.name.slice(1),
    pages: `${singular.camel}Pages`,
    api: `${singular.camel}Api`,
    input: `${singular.camel}Input`,
    listQuery: `${singular.camel}ListQuery`,
    list: `list${plural.pascal === singular.pascal ? `${singular.pascal}List` : plural.pascal}`,
  }
}

/** Whether ordering by the field alone is a total order; otherwise the primary key breaks ties. */
const isTotalOrder = (field: FieldDescription) => field.isId || (field.unique && !field.optional)

/** The Prisma `orderBy` for a sort key of the list: `username`, or `-username` for descending. */
export function ordering(model: ModelDescription, field: FieldDescription, direction: 'asc' | 'desc'): string {
  const terms = [`{ ${field.name}: '${direction}' }`]
  if (!isTotalOrder(field)) terms.push(`{ ${model.id.name}: '${direction}' }`)
  return `[${terms.join(', ')}]`
}

/** Sort keys of the list, default first. */
export const sortKeys = (model: ModelDescription) => model.sortable.flatMap((field) => [field.name, `-${field.name}`])

/** Fields the list's text filter searches. */
export const searchFields = (model: ModelDescription) => model.fields.filter((field) => field.type === 'string' || field.type === 'text')

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** Fields a user fills in: everything the database does not fill itself. */
export const inputFields = (model: ModelDescription) => model.fields.filter((field) => !field.generated)

/** Columns of the list page: the id is in the link, so it is left out unless nothing else names a row. */
export const listFields = (model: ModelDescription) =>
  model.display.isId ? model.fields : model.fields.filter((field) => !field.isId)

/** The zod schema for one input field. */
export function zodFor(field: FieldDescription): string {
  if (field.type === 'boolean') return 'checkbox'
  let schema = fieldTypes[field.type].zod
  if (field.maxLength !== undefined) schema += `.max(${field.maxLength})`
  if (!field.optional && (field.type === 'string' || field.type === 'text')) schema += ".min(1, 'Required')"
  return field.optional ? `optional(${schema})` : `required(${schema})`
}

export function validationImports(model: ModelDescription): string {
  const used = new Set(inputFields(model).map((field) => zodFor(field).match(/^(optional|required|checkbox)/)?.[1]))
  return ['checkbox', 'optional', 'required'].filter((name) => used.has(name)).join(', ')
}

/** The JSX of one form control, from the field type's input kind. */
export function formControl(field: FieldDescription): string {
  const common = `name="${field.name}" label="${field.label}"`
  const error = `error={errors.${field.name}}`
  switch (fieldTypes[field.type].input) {
    case 'textarea':
      return `<TextArea ${common} value={values.${field.name}} ${error} />`
    case 'checkbox':
      return `<Checkbox ${common} checked={values.${field.name} === 'on'} ${error} />`
    case 'number':
      return `<Input type="number" ${field.type === 'float' ? 'step="any" ' : ''}${common} value={values.${field.name}} ${error} />`
    case 'datetime-local':
      return `<Input type="datetime-local" ${common} value={values.${field.name}} ${error} />`
    default:
      return `<Input ${common} value={values.${field.name}} ${error} />`
  }
}

export function inputComponents(model: ModelDescription): string {
  const kinds = new Set(inputFields(model).map((field) => fieldTypes[field.type].input))
  const components = new Set([...kinds].map((kind) => (kind === 'textarea' ? 'TextArea' : kind === 'checkbox' ? 'Checkbox' : 'Input')))
  return [...components].sort().join(', ')
}

export const sample = (field: FieldDescription) => fieldTypes[field.type].sample(field.name)

/** How the typed client reaches a model's API: `client.api.users`, `client.api['blog-posts']`. */
export const apiClient = (model: ModelDescription) => {
  const segment = model.names.plural.kebab
  return /^[a-z][a-z0-9]*$/.test(segment) ? `client.api.${segment}` : `client.api[${JSON.stringify(segment)}]`
}

/** A property name as it reads best in an object literal: `username`, `'-username'`. */
export const propertyKey = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`)
