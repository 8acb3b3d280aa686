import type { AppDefinition, FieldDefinition, ModelDefinition } from '../parse/definitions.js'
import type { AppDescription, FieldDescription, ModelDescription } from './description.js'
import { didYouMean } from './did-you-mean.js'
import { fieldTypes, isScalarType, scalarTypeNames, type ScalarType } from './field-types.js'
import { nameVariants, tableName } from './naming.js'
import { DefinitionError, type Problem } from './problems.js'

const modifierNames = ['unique', 'id', 'default'] as const

/** Names that Prisma reserves, or that would shadow what generated TypeScript relies on. */
const reservedModelNames = new Set([
  'Prisma', 'PrismaClient', 'Hono', 'App', 'AppEnv', 'Env', 'Array', 'Boolean', 'Date', 'Error', 'Function', 'JSON',
  'Map', 'Math', 'Number', 'Object', 'Promise', 'Record', 'RegExp', 'Set', 'String', 'Symbol', 'Response', 'Request',
])
/** Field names that would break Prisma Client's row objects or the generated forms. */
const reservedFieldNames = new Set(['constructor', 'prototype', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'])

/** `emailAddress` → `Email address`. */
function label(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function suggestPascal(name: string): string {
  const words = name.replace(/[^A-Za-z0-9]+/g, ' ').trim().split(/\s+/)
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('').replace(/^[0-9]+/, '')
  return pascal || 'Item'
}

function describeField(model: string, definition: FieldDefinition, problems: Problem[]): FieldDescription | undefined {
  const { name } = definition
  const before = problems.length
  const problem = (message: string, fix: string) => problems.push({ model, field: name, message, fix })

  if (!/^[a-z][A-Za-z0-9_]*$/.test(name)) {
    problem(`"${name}" is not a valid field name`, 'start with a lower-case letter and use only letters, digits and _, e.g. firstName')
  } else if (reservedFieldNames.has(name)) {
    problem(`"${name}" is reserved in JavaScript objects`, 'choose another name')
  }
  if (!isScalarType(definition.type)) {
    const guess = didYouMean(definition.type, scalarTypeNames)
    problem(`has an unknown type "${definition.type}"`, guess ? `did you mean "${guess}"? Known types: ${scalarTypeNames.join(', ')}` : `use one of: ${scalarTypeNames.join(', ')}`)
  }
  const type = definition.type as ScalarType
  let maxLength: number | undefined
  if (type === 'string' && definition.typeArgs.length > 0) {
    const [max, ...extra] = definition.typeArgs
    if (extra.length > 0 || !/^[1-9][0-9]*$/.test(max ?? '')) problem(`has a bad length "string(${definition.typeArgs.join(',')})"`, 'give one positive whole number, e.g. string(200)')
    else maxLength = Number(max)
  } else if (definition.typeArgs.length > 0 && isScalarType(type)) {
    problem(`type "${type}" takes no arguments`, `write ${type} without parentheses`)
  }

  const seen = new Set<string>()
  let unique = false
  let isId = false
  let defaultValue: string | undefined
  for (const modifier of definition.modifiers) {
    if (seen.has(modifier.name)) problem(`repeats the modifier "${modifier.name}"`, 'write it once')
    seen.add(modifier.name)
    switch (modifier.name) {
      case 'unique':
        unique = true
        break
      case 'id':
        isId = true
        break
      case 'default':
        if (modifier.args.length !== 1) problem('has default() without exactly one value', 'write default(value), e.g. default(0)')
        else defaultValue = modifier.args[0]
        break
      default: {
        const guess = didYouMean(modifier.name, modifierNames)
        problem(`has an unknown modifier "${modifier.name}"`, guess ? `did you mean "${guess}"? Known modifiers: ${modifierNames.join(', ')}` : `use one of: ${modifierNames.join(', ')}`)
      }
    }
  }
  if (isId && definition.optional) problem('is a primary key and optional', 'remove the ? : a primary key is always required')
  if (isId && isScalarType(type) && type !== 'int') problem(`cannot be a primary key of type ${type}`, 'use int for a primary key')
  if (problems.length > before) return undefined

  const generated = isId && type === 'int' && defaultValue === undefined
  return {
    name,
    type,
    optional: definition.optional,
    unique: unique && !isId,
    isId,
    default: generated ? 'autoincrement()' : defaultValue === undefined ? undefined : prismaDefault(type, defaultValue),
    maxLength,
    label: label(name),
    generated,
  }
}

function prismaDefault(type: ScalarType, value: string): string {
  if (fieldTypes[type].ts === 'string') return JSON.stringify(value)
  return value
}

const defaultId = (): FieldDescription => ({
  name: 'id', type: 'int', optional: false, unique: false, isId: true, default: 'autoincrement()', label: 'Id', generated: true,
})

function describeModel(definition: ModelDefinition, problems: Problem[]): ModelDescription | undefined {
  const { name } = definition
  const before = problems.length
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    problems.push({ model: name, message: `"${name}" is not a valid model name`, fix: `use a PascalCase identifier, e.g. ${suggestPascal(name)}` })
  } else if (reservedModelNames.has(name)) {
    problems.push({ model: name, message: `"${name}" is a name that Prisma or the generated code reserves`, fix: `choose another name, e.g. ${name}Record` })
  }
  if (definition.fields.length === 0) {
    problems.push({ model: name, message: 'has no fields', fix: 'give it at least one field, e.g. name:string' })
  }
  const fields: FieldDescription[] = []
  const names = new Set<string>()
  for (const fieldDefinition of definition.fields) {
    if (names.has(fieldDefinition.name)) {
      problems.push({ model: name, field: fieldDefinition.name, message: 'is defined twice', fix: 'remove or rename one of them' })
      continue
    }
    names.add(fieldDefinition.name)
    const field = describeField(name, fieldDefinition, problems)
    if (field) fields.push(field)
  }
  const ids = fields.filter((field) => field.isId)
  if (ids.length > 1) {
    problems.push({ model: name, message: `has ${ids.length} primary keys (${ids.map((f) => f.name).join(', ')})`, fix: 'mark only one field with :id' })
  }
  if (ids.length === 0 && names.has('id')) {
    problems.push({ model: name, field: 'id', message: 'is named id but is not the primary key', fix: 'add :id to it (id:int:id), or rename it' })
  }
  if (problems.length > before) return undefined

  const id = ids[0] ?? defaultId()
  if (!ids[0]) fields.unshift(id)
  const strings = fields.filter((field) => field.type === 'string')
  const uniqueString = strings.find((field) => field.unique)
  const variants = nameVariants(name)
  return {
    name,
    names: variants,
    table: tableName(name),
    fields,
    id,
    orderBy: uniqueString ?? id,
    display: uniqueString ?? strings[0] ?? id,
    paths: { list: `/${variants.plural.kebab}`, row: `/${variants.singular.kebab}`, api: `/api/${variants.plural.kebab}` },
    sortable: [...new Set([uniqueString ?? id, id, ...fields.filter((field) => field.unique)])],
  }
}

/** Rules that span models: the same name, table or URL twice (`User` beside `Users`). */
function checkCollisions(models: ModelDescription[], problems: Problem[]): void {
  const owners = new Map<string, string>()
  const reported = new Set<string>()
  for (const model of models) {
    const claims = [
      ['name', model.name.toLowerCase()],
      ['table', model.table],
      ['URL', model.paths.list],
      ['URL', model.paths.row],
      ['URL', model.paths.api],
    ] as const
    for (const [what, value] of claims) {
      const owner = owners.get(`${what} ${value}`)
      if (owner && owner !== model.name && !reported.has(`${model.name} ${owner}`)) {
        reported.add(`${model.name} ${owner}`)
        problems.push({ model: model.name, message: `has the same ${what} "${value}" as ${owner}`, fix: `rename ${model.name} or ${owner}` })
      }
      owners.set(`${what} ${value}`, model.name)
    }
  }
}

/**
 * Checks the definitions against every rule and builds the normalized description.
 * Throws a DefinitionError that lists ALL problems at once.
 */
export function describeApp(appName: string, definition: AppDefinition, earlier: Problem[] = []): AppDescription {
  const problems = [...earlier]
  if (definition.models.length === 0 && problems.length === 0) {
    problems.push({ message: 'no models are defined', fix: 'define at least one model' })
  }
  const models = definition.models.flatMap((model) => describeModel(model, problems) ?? [])
  checkCollisions(models, problems)
  if (problems.length > 0) throw new DefinitionError(problems)
  return { name: appName, database: 'sqlite', models }
}
