import type { AppDescription, FieldDescription, ModelDescription, RelationDescription, ScalarType } from '../../model/description.js'
import { typeInfo } from '../../model/field-types.js'
import { searchFields } from './data.js'
import { idsField, manyToMany, modelNamed } from './relations.js'

/** Fields a user fills in: everything the database does not fill itself (foreign keys included). */
export const inputFields = (model: ModelDescription) => model.fields.filter((field) => !field.generated)

/** Whether a form must fill the field in (a checkbox never must: absent is false). */
export const isRequiredInput = (field: FieldDescription) => !field.optional && !typeInfo(field.type).absentIsFalse

/** The text a form's fields hold as typed, which pages then show. */
export const textInputs = (model: ModelDescription) => inputFields(model).filter((field) => typeInfo(field.type).searchable && !field.relation)

/** The zod schema for one input field. */
export function zodFor(field: FieldDescription): string {
  const info = typeInfo(field.type)
  const schema = info.zod(field)
  if (info.absentIsFalse) return schema
  return field.optional ? `${info.optional}(${schema})` : `required(${schema})`
}

/** The zod schema for a many-to-many list of ids. */
export function zodForIds(app: AppDescription, relation: RelationDescription): string {
  const { id } = modelNamed(app, relation.target)
  return `ids(${typeInfo(id.type).zod(id)})`
}

/** Names to import from lib/validation.ts for a model's schemas (its list's `q` is storable text). */
export function validationImports(model: ModelDescription): string {
  const used = new Set<string>(['storableText'])
  for (const field of inputFields(model)) for (const [name] of zodFor(field).matchAll(/\b(optionalJson|optional|required|checkbox|bigInteger|decimal|dateTime|isoDate|jsonText|base64Bytes)\b/g)) used.add(name)
  if (manyToMany(model).length > 0) used.add('ids')
  if (model.fields.some((field) => field.type === 'json')) used.add('jsonValue')
  return [...used].sort().join(', ')
}

/** Whether any model of the app has a field of the type (the app's lib then includes that type's helpers). */
export const usesType = (app: AppDescription, type: ScalarType) => app.models.some((model) => model.fields.some((field) => field.type === type))

/** The kinds of form input the app's forms use (`select` for enums, `related` for related rows). */
export function appInputs(app: AppDescription): Set<string> {
  const kinds = new Set<string>()
  for (const model of app.models) {
    for (const field of inputFields(model)) kinds.add(field.relation ? 'related' : typeInfo(field.type).input)
    if (manyToMany(model).length > 0) kinds.add('related')
  }
  return kinds
}

/** The search box's name for a relation's select, when the related model's list has a text filter to search with. */
const searchAttribute = (app: AppDescription, relation: RelationDescription) =>
  searchFields(modelNamed(app, relation.target)).length > 0 ? ` search="${relation.name}.search"` : ''

const components = { text: 'Input', number: 'Input', date: 'Input', 'datetime-local': 'Input', textarea: 'TextArea', checkbox: 'Checkbox', select: 'Select' } as const

/** The JSX of one form control, from the field type's input kind. */
export function formControl(app: AppDescription, field: FieldDescription): string {
  const common = `name="${field.name}" label="${field.relation?.label ?? field.label}"`
  const error = `error={errors.${field.name}}`
  if (field.relation) {
    return `<RelatedSelect ${common} choices={options.${field.name}} values={values}${field.optional ? ' optional' : ''}${searchAttribute(app, field.relation)} ${error} />`
  }
  const info = typeInfo(field.type)
  const text = `text(values.${field.name})`
  switch (info.input) {
    case 'checkbox':
      return `<Checkbox ${common} checked={values.${field.name} === 'on'} ${error} />`
    case 'select':
      return `<Select ${common} options={[${(field.enum?.values ?? []).map((v) => `{ value: '${v}', label: '${v}' }`).join(', ')}]} value={${text}} optional={${field.optional}} ${error} />`
    case 'textarea':
      return `<TextArea ${common} value={${text}} ${error} />`
    case 'text':
      return `<Input ${common} value={${text}} ${error} />`
    case 'date':
      return `<Input type="date" ${common} value={${text}?.slice(0, 10)} ${error} />`
    default: {
      const step = info.step ? `step="${info.step(field)}" ` : ''
      return `<Input type="${info.input}" ${step}${common} value={${text}} ${error} />`
    }
  }
}

/** The JSX of a many-to-many control. */
export const idsControl = (app: AppDescription, relation: RelationDescription) =>
  `<RelatedSelect name="${idsField(relation)}" label="${relation.label}" choices={options.${idsField(relation)}} values={values} multiple${searchAttribute(app, relation)} error={errors.${idsField(relation)}} />`

/** The components of views/inputs.tsx that a model's form uses. */
export function inputComponents(model: ModelDescription): string {
  const used = new Set<string>(inputFields(model).map((field) => (field.relation ? 'RelatedSelect' : components[typeInfo(field.type).input])))
  if (manyToMany(model).length > 0) used.add('RelatedSelect')
  return [...used].sort().join(', ')
}
