import pluralize from 'pluralize'
import type { AppDescription, FieldDescription, ModelDescription, RelationDescription } from '../model/description.js'
import { typeInfo } from '../model/field-types.js'

/** Identifiers the templates use for one model, so every file spells them the same way. */
export function identifiers(model: ModelDescription) {
  const { singular, plural } = model.names
  const rows = plural.camel === singular.camel ? `${singular.camel}List` : plural.camel
  const Rows = plural.pascal === singular.pascal ? `${singular.pascal}List` : plural.pascal
  return {
    /** One row: `user`. */
    row: singular.camel,
    /** Many rows: `users` (`sheepList` when the plural is the singular). */
    rows,
    /** Prisma Client's delegate: `db.user` (Prisma lower-cases the first letter only). */
    delegate: delegateOf(model.name),
    pages: `${singular.camel}Pages`,
    api: `${singular.camel}Api`,
    /** The URL patterns and the link builders (src/paths/). */
    routes: `${singular.camel}Routes`,
    paths: `${singular.camel}Paths`,
    input: `${singular.camel}Input`,
    listQuery: `${singular.camel}ListQuery`,
    /** The model's module (src/models/): its data access. */
    list: `list${Rows}`,
    filter: `${singular.camel}Filter`,
    get: `get${model.name}`,
    getWithRelations: `get${model.name}WithRelations`,
    getForEdit: `get${model.name}ForEdit`,
    create: `create${model.name}`,
    update: `update${model.name}`,
    delete: `delete${model.name}`,
    choices: `${singular.camel}Choices`,
    formOptions: `${singular.camel}FormOptions`,
    withRelations: `${model.name}WithRelations`,
    /** Test samples: valid input, and a row made in the database. */
    valid: `valid${model.name}`,
    make: `make${model.name}`,
  }
}

export const delegateOf = (modelName: string) => modelName.charAt(0).toLowerCase() + modelName.slice(1)

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** A property name as it reads best in an object literal: `username`, `'-username'`. */
export const propertyKey = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`)

export const modelNamed = (app: AppDescription, name: string) => app.models.find((model) => model.name === name)!

/** Fields a user fills in: everything the database does not fill itself (foreign keys included). */
export const inputFields = (model: ModelDescription) => model.fields.filter((field) => !field.generated)

/** Many-to-many relations, edited as a list of ids (`tagIds`) from either side. */
export const manyToMany = (model: ModelDescription) => model.relations.filter((relation) => relation.kind === 'manyToMany')
/** The input that lists a many-to-many relation's ids: `tags` → `tagIds`. */
export const idsField = (relation: RelationDescription) => `${pluralize.singular(relation.name)}Ids`

export const belongsTo = (model: ModelDescription) => model.relations.filter((relation) => relation.kind === 'belongsTo')
export const hasMany = (model: ModelDescription) => model.relations.filter((relation) => relation.kind === 'hasMany')

/** Relations whose rows a page shows by their display field (every relation). */
export const shownRelations = (model: ModelDescription) => model.relations

/** Columns of the list page: the id is in the link, so it is left out unless nothing else names a row. */
export const listFields = (model: ModelDescription) =>
  model.fields.filter((field) => (model.display.isId || !field.isId) && typeInfo(field.type).input !== 'textarea')

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
export const searchFields = (model: ModelDescription) =>
  model.fields.filter((field) => (field.type === 'string' || field.type === 'text') && !field.relation)

/** The zod schema for one input field. */
export function zodFor(field: FieldDescription): string {
  if (field.type === 'boolean') return 'checkbox'
  let schema = typeInfo(field.type).zod(field)
  if (!field.optional && (field.type === 'string' || field.type === 'text')) schema += ".min(1, 'Required')"
  if (field.optional) return field.type === 'json' ? `optionalJson(${schema})` : `optional(${schema})`
  return `required(${schema})`
}

/** The zod schema for a many-to-many list of ids. */
export const zodForIds = (app: AppDescription, relation: RelationDescription) => `ids(${typeInfo(modelNamed(app, relation.target).id.type).zod(modelNamed(app, relation.target).id)})`

/** Names to import from lib/validation.ts for a model's input schema. */
export function validationImports(model: ModelDescription): string {
  const used = new Set<string>()
  for (const field of inputFields(model)) for (const [name] of zodFor(field).matchAll(/\b(optionalJson|optional|required|checkbox|decimal|isoDate|jsonText|base64Bytes)\b/g)) used.add(name)
  if (manyToMany(model).length > 0) used.add('ids')
  return [...used].sort().join(', ')
}

/** The TypeScript expression that labels a related row `row` of `target` in a page. */
export const relatedLabel = (app: AppDescription, target: string, row: string) => `formatValue(${row}.${modelNamed(app, target).display.name})`

/** The Prisma `select` for a related row shown as a link (its id and its display field), and its order. */
export function linkSelect(app: AppDescription, target: string): string {
  const model = modelNamed(app, target)
  const fields = [...new Set([model.id.name, model.display.name])]
  return `select: { ${fields.map((name) => `${name}: true`).join(', ')} }`
}

export const linkOrder = (app: AppDescription, target: string) => `orderBy: { ${modelNamed(app, target).display.name}: 'asc' }`

/** `{ id }` when the key is named like the variable, else `{ code: id }`. */
export const idObject = (key: string, variable: string) => (key === variable ? `{ ${key} }` : `{ ${key}: ${variable} }`)

/** The search box's name for a relation's select, when the related model's list has a text filter to search with. */
const searchName = (app: AppDescription, relation: RelationDescription) =>
  searchFields(modelNamed(app, relation.target)).length > 0 ? ` search="${relation.name}.search"` : ''

/** The JSX of one form control, from the field type's input kind. */
export function formControl(app: AppDescription, field: FieldDescription): string {
  const common = `name="${field.name}" label="${field.relation?.label ?? field.label}"`
  const error = `error={errors.${field.name}}`
  const value = `value={text(values.${field.name})}`
  if (field.relation) {
    return `<RelatedSelect ${common} choices={options.${field.name}} values={values}${field.optional ? ' optional' : ''}${searchName(app, field.relation)} ${error} />`
  }
  switch (typeInfo(field.type).input) {
    case 'textarea':
      return `<TextArea ${common} ${value} ${error} />`
    case 'checkbox':
      return `<Checkbox ${common} checked={values.${field.name} === 'on'} ${error} />`
    case 'select':
      return `<Select ${common} options={[${(field.enum?.values ?? []).map((v) => `{ value: '${v}', label: '${v}' }`).join(', ')}]} ${value} optional={${field.optional}} ${error} />`
    case 'number': {
      const step = field.type === 'float' ? 'any' : field.type === 'decimal' ? String(10 ** -(field.scale ?? 0)) : undefined
      return `<Input type="number" ${step ? `step="${step}" ` : ''}${common} ${value} ${error} />`
    }
    case 'date':
      return `<Input type="date" ${common} value={text(values.${field.name})?.slice(0, 10)} ${error} />`
    case 'datetime-local':
      return `<Input type="datetime-local" ${common} ${value} ${error} />`
    default:
      return `<Input ${common} ${value} ${error} />`
  }
}

/** The JSX of a many-to-many control. */
export const idsControl = (app: AppDescription, relation: RelationDescription) =>
  `<RelatedSelect name="${idsField(relation)}" label="${relation.label}" choices={options.${idsField(relation)}} values={values} multiple${searchName(app, relation)} error={errors.${idsField(relation)}} />`

export function inputComponents(model: ModelDescription): string {
  const components = new Set<string>()
  for (const field of inputFields(model)) {
    const input = typeInfo(field.type).input
    components.add(field.relation ? 'RelatedSelect' : input === 'select' ? 'Select' : input === 'textarea' ? 'TextArea' : input === 'checkbox' ? 'Checkbox' : 'Input')
  }
  if (manyToMany(model).length > 0) components.add('RelatedSelect')
  return [...components].sort().join(', ')
}

export const sample = (field: FieldDescription) => typeInfo(field.type).sample(field)

/** How a page shows a field's value. */
export const formatter = (field: FieldDescription) => (field.type === 'date' ? 'formatDate' : 'formatValue')

/** Whether values of the model need converting before JSON can carry them (bigint, bytes). */
export const needsJson = (model: ModelDescription) => model.fields.some((field) => field.type === 'bigint' || field.type === 'bytes')

/** How the typed client reaches a model's API: `client.api.users`, `client.api['blog-posts']`. */
export const apiClient = (model: ModelDescription) => {
  const segment = model.names.plural.kebab
  return /^[a-z][a-z0-9]*$/.test(segment) ? `client.api.${segment}` : `client.api[${JSON.stringify(segment)}]`
}

/** The URL parameter reader for the model's primary key. */
export const idParser = (model: ModelDescription) => (model.id.type === 'uuid' ? 'parseUuid' : 'parseId')

/**
 * Models in the order their rows can be deleted: children before the parents they refer to.
 * Self-relations and optional cycles do not block (their keys are set to null).
 */
export function deletionOrder(app: AppDescription): ModelDescription[] {
  const order: ModelDescription[] = []
  const visiting = new Set<string>()
  const visit = (model: ModelDescription) => {
    if (order.includes(model) || visiting.has(model.name)) return
    visiting.add(model.name)
    for (const child of app.models) {
      if (belongsTo(child).some((relation) => relation.target === model.name && child !== model)) visit(child)
    }
    order.push(model)
  }
  for (const model of app.models) visit(model)
  return order
}

/** Whether any model of the app has a field of the type. */
export const usesType = (app: AppDescription, type: FieldDescription['type']) => app.models.some((model) => model.fields.some((field) => field.type === type))

/** The kinds of form input the app's forms use (`select` for enums, `related` for related rows). */
export function appInputs(app: AppDescription): Set<string> {
  const kinds = new Set<string>()
  for (const model of app.models) {
    for (const field of inputFields(model)) kinds.add(field.relation ? 'related' : typeInfo(field.type).input)
    if (manyToMany(model).length > 0) kinds.add('related')
  }
  return kinds
}

/** The order a form's select lists a model's rows in: by the display field when an index serves it, else the list's default. */
export const choiceOrder = (model: ModelDescription) => (model.sortable.includes(model.display) ? model.display : model.sortable[0]!)

/** Rows a sample of the model creates first: its required parents, and one row for each many-to-many list it declares. */
export function sampleRelations(app: AppDescription, model: ModelDescription): RelationDescription[] {
  return model.relations.filter((relation) => {
    if (relation.kind === 'belongsTo') return !relation.optional
    return relation.kind === 'manyToMany' && relation.declared && !createsRows(app, modelNamed(app, relation.target)).has(model.name)
  })
}

/** The models whose rows creating a sample of `model` creates (following required parents and declared lists). */
function createsRows(app: AppDescription, model: ModelDescription, seen = new Set<string>()): Set<string> {
  for (const relation of model.relations) {
    const followed = relation.kind === 'belongsTo' ? !relation.optional : relation.kind === 'manyToMany' && relation.declared
    if (!followed || seen.has(relation.target)) continue
    seen.add(relation.target)
    createsRows(app, modelNamed(app, relation.target), seen)
  }
  return seen
}

/** Whether a model's sample input needs the database (to create the rows it refers to first). */
export const sampleNeedsDb = (app: AppDescription, model: ModelDescription) => sampleRelations(app, model).length > 0

/** The expression for the n-th sample input of a model, inside an async test. */
export const validCall = (app: AppDescription, model: ModelDescription, n: string) =>
  sampleNeedsDb(app, model) ? `await valid${model.name}(db, ${n})` : `valid${model.name}(${n})`

/** Whether a model's samples offer `create<Model>`, for tests of related models. */
export const hasCreateSample = (model: ModelDescription) => model.relations.length > 0

/** The variable a sample holds a related row in: `author`, or `tag` for the list `tags`. */
export const sampleVar = (relation: RelationDescription) => (relation.kind === 'manyToMany' ? pluralize.singular(relation.name) : relation.name)
