import type { AppDefinition, ModelDefinition } from '../parse/definitions.js'
import { describeScalarField, label } from './describe-field.js'
import { describeRelation, foreignKey, isRelationType, readRelation, type PendingRelation } from './describe-relations.js'
import { databaseNames, databases, isDatabaseName } from './databases.js'
import type { AccessRule, AppDescription, DatabaseName, FieldDescription, ModelDescription, RelationDescription, RuntimeName } from './description.js'
import { didYouMean } from './did-you-mean.js'
import { nameVariants, tableName } from './naming.js'
import { isRuntimeName, runtimeNames, runtimes } from './runtimes.js'
import { typeInfo } from './field-types.js'
import { DefinitionError, type Problem } from './problems.js'

const modelOptionNames = ['unique', 'index', 'display', 'access'] as const

const accessRules: AccessRule[] = ['public', 'signed-in', 'owner']

/** Names that Prisma reserves, or that would shadow what generated TypeScript or the API's document relies on. */
const reservedModelNames = new Set([
  'Prisma', 'PrismaClient', 'Hono', 'App', 'AppEnv', 'AppType', 'Env', 'Page', 'Array', 'Boolean', 'Date', 'Error', 'Function',
  'JSON', 'Map', 'Math', 'Number', 'Object', 'Promise', 'Record', 'RegExp', 'Set', 'String', 'Symbol', 'Response', 'Request',
  'Buffer', 'BigInt', 'Uint8Array', 'Decimal', 'Json', 'Bytes', 'Int', 'Float', 'DateTime',
  // Names of the OpenAPI document's shared schemas (each model's row is named after the model).
  'ProblemDetails', 'JsonValue',
])

/** The models the generator writes itself for an app with accounts (`auth: true`): see writers/prisma-schema.ts. */
export const accountModelNames = ['Account', 'AccountSession', 'ApiToken', 'PasswordReset', 'SignInFailure']

/** One model while relations are being resolved: its columns in written order, relations still pending. */
interface Draft {
  definition: ModelDefinition
  entries: (FieldDescription | PendingRelation)[]
  relations: RelationDescription[]
}

const isPending = (entry: FieldDescription | PendingRelation): entry is PendingRelation => 'target' in entry && !('type' in entry)

function suggestPascal(name: string): string {
  const words = name.replace(/[^A-Za-z0-9]+/g, ' ').trim().split(/\s+/)
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('').replace(/^[0-9]+/, '')
  return pascal || 'Item'
}

function draftModel(definition: ModelDefinition, problems: Problem[]): Draft {
  const { name } = definition
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    problems.push({ model: name, message: `"${name}" is not a valid model name`, fix: `use a PascalCase identifier, e.g. ${suggestPascal(name)}` })
  } else if (accountModelNames.includes(name)) {
    problems.push({ model: name, message: `"${name}" is the name of a model that the generator writes for accounts (auth: true)`, fix: `rename it, e.g. ${name === 'Account' ? 'Customer' : `${name}Record`}` })
  } else if (reservedModelNames.has(name)) {
    problems.push({ model: name, message: `"${name}" is a name that Prisma or the generated code reserves`, fix: `choose another name, e.g. ${name}Record` })
  }
  if (definition.fields.length === 0) problems.push({ model: name, message: 'has no fields', fix: 'give it at least one field, e.g. name:string' })
  const entries: Draft['entries'] = []
  const seen = new Set<string>()
  for (const field of definition.fields) {
    if (seen.has(field.name)) {
      problems.push({ model: name, field: field.name, message: 'is defined twice', fix: 'remove or rename one of them' })
      continue
    }
    seen.add(field.name)
    const entry = isRelationType(field.type) ? readRelation(name, field, problems) : describeScalarField(name, field, problems)
    if (entry) entries.push(entry)
  }
  const ids = entries.filter((entry): entry is FieldDescription => !isPending(entry) && entry.isId)
  if (ids.length > 1) problems.push({ model: name, message: `has ${ids.length} primary keys (${ids.map((f) => f.name).join(', ')})`, fix: 'mark only one field with :id' })
  if (ids.length === 0 && seen.has('id')) problems.push({ model: name, field: 'id', message: 'is named id but is not the primary key', fix: 'add :id to it (id:int:id), or rename it' })
  if (ids.length === 0 && !seen.has('id')) entries.unshift({ name: 'id', type: 'int', optional: false, unique: false, index: false, isId: true, updatedAt: false, default: 'autoincrement()', label: 'Id', generated: true })
  return { definition, entries, relations: [] }
}

const idOf = (draft: Draft) => draft.entries.find((entry): entry is FieldDescription => !isPending(entry) && entry.isId)

/** Resolves every relation against the other models: foreign keys, inverse fields, relation names. */
function resolveRelations(drafts: Draft[], problems: Problem[]): void {
  const byName = new Map(drafts.map((draft) => [draft.definition.name, draft]))
  const pending = drafts.flatMap((draft) => draft.entries.filter(isPending))
  const pairKey = (a: string, b: string) => [a, b].sort().join(' ')
  const pairCounts = new Map<string, number>()
  for (const relation of pending) pairCounts.set(pairKey(relation.model, relation.target), (pairCounts.get(pairKey(relation.model, relation.target)) ?? 0) + 1)

  for (const draft of drafts) {
    draft.entries = draft.entries.flatMap((entry) => {
      if (!isPending(entry)) return [entry]
      const relation = entry
      const target = byName.get(relation.target)
      const where = { model: relation.model, field: relation.name }
      if (!target) {
        const guess = didYouMean(relation.target, [...byName.keys()])
        problems.push({ ...where, message: `relates to ${relation.target}, which is not defined`, fix: guess ? `did you mean ${guess}?` : `define a model ${relation.target}, or relate to one of: ${[...byName.keys()].join(', ')}` })
        return []
      }
      if (relation.kind === 'belongsTo' && relation.model === relation.target && !relation.optional) {
        problems.push({ ...where, message: 'is a required relation to its own model, so the first row could never be created', fix: `make it optional: ${relation.name}:belongsTo(${relation.target})?` })
        return []
      }
      const self = relation.model === relation.target
      const inverse = relation.inverse ?? nameVariants(relation.model).plural.camel
      const relationName = self || (pairCounts.get(pairKey(relation.model, relation.target)) ?? 0) > 1 ? `${relation.model}${relation.name.charAt(0).toUpperCase()}${relation.name.slice(1)}` : undefined
      const described = describeRelation(relation, inverse, relationName)
      draft.relations.push(described)
      target.relations.push({
        kind: relation.kind === 'belongsTo' ? 'hasMany' : 'manyToMany',
        name: inverse,
        target: relation.model,
        inverse: relation.name,
        declared: false,
        relationName,
        optional: true,
        label: label(inverse),
      })
      if (relation.kind === 'manyToMany') return []
      const parentId = idOf(target)
      if (!parentId) return []
      const key = foreignKey(relation, parentId)
      key.relation = described
      described.foreignKey = key
      return [key]
    })
  }
}

/** Required parents may not go round in a circle: none of those rows could be created first. */
function checkRequiredCycles(drafts: Draft[], problems: Problem[]): void {
  const parents = new Map(drafts.map((draft) => [draft.definition.name, draft.relations.filter((r) => r.kind === 'belongsTo' && !r.optional && r.target !== draft.definition.name)]))
  const reported = new Set<string>()
  const walk = (model: string, path: { model: string; field: string }[]) => {
    for (const relation of parents.get(model) ?? []) {
      const step = [...path, { model, field: relation.name }]
      const start = step.findIndex((s) => s.model === relation.target)
      if (start !== -1) {
        const cycle = step.slice(start)
        const key = cycle.map((s) => s.model).sort().join(' ')
        if (!reported.has(key)) {
          reported.add(key)
          const fields = cycle.map((s) => `${s.model}.${s.field}`).join(', ')
          problems.push({ model: cycle[0]?.model, message: `requires a parent in a circle (${fields}), so no row of them could be created first`, fix: `make one of ${fields} optional, e.g. ${cycle[0]?.field}:belongsTo(...)?` })
        }
      } else if (step.length <= drafts.length) {
        walk(relation.target, step)
      }
    }
  }
  for (const draft of drafts) walk(draft.definition.name, [])
}

/** Every field and relation name on a model is used once, inverse fields included. */
function checkNames(draft: Draft, problems: Problem[]): void {
  const owners = new Map<string, string>()
  const claim = (name: string, what: string) => {
    const owner = owners.get(name)
    if (owner) {
      problems.push({ model: draft.definition.name, field: name, message: `is used twice on ${draft.definition.name}: ${owner} and ${what}`, fix: 'rename the field, or name the inverse of the relation, e.g. author:belongsTo(Author, writtenBooks)' })
    }
    owners.set(name, what)
  }
  for (const entry of draft.entries) if (!isPending(entry)) claim(entry.name, entry.relation ? `the foreign key of ${entry.relation.name}` : 'a field')
  for (const relation of draft.relations) {
    claim(relation.name, relation.declared ? 'a relation' : `the inverse of ${relation.target}.${relation.inverse}`)
  }
}

/** Reads `@unique(a,b)`, `@index(a,b)`, `@display(name)` and `@access(rule)`, naming relations by their foreign keys. */
function modelOptions(draft: Draft, fields: FieldDescription[], auth: boolean, problems: Problem[]) {
  const model = draft.definition.name
  const uniques: string[][] = []
  const indexes: string[][] = []
  let display: FieldDescription | undefined
  let access: AccessRule | undefined
  const resolve = (name: string) => fields.find((field) => field.name === name) ?? fields.find((field) => field.relation?.name === name)
  for (const option of draft.definition.options) {
    if (option.name === 'unique' || option.name === 'index') {
      const resolved = option.args.map(resolve)
      const missing = option.args.filter((_, i) => !resolved[i])
      if (option.args.length === 0 || missing.length > 0) {
        problems.push({ model, message: `has @${option.name}(${option.args.join(',')}) naming ${missing.length > 0 ? `unknown fields: ${missing.join(', ')}` : 'no fields'}`, fix: `list fields of ${model}, e.g. @${option.name}(${fields.filter((f) => !f.isId).slice(0, 2).map((f) => f.name).join(',')})` })
        continue
      }
      const names = resolved.map((field) => field?.name ?? '')
      if (new Set(names).size !== names.length) problems.push({ model, message: `has @${option.name}(${option.args.join(',')}) naming a field twice`, fix: 'list each field once' })
      else (option.name === 'unique' ? uniques : indexes).push(names)
    } else if (option.name === 'display') {
      display = resolve(option.args[0] ?? '')
      if (!display || option.args.length !== 1) problems.push({ model, message: `has @display(${option.args.join(',')}) that names no field of ${model}`, fix: `name one field, e.g. @display(${fields.find((f) => typeInfo(f.type).labelsRows)?.name ?? 'name'})` })
    } else if (option.name === 'access') {
      access = readAccess(model, option.args, auth, problems)
    } else {
      const guess = didYouMean(option.name, modelOptionNames)
      problems.push({ model, message: `has an unknown model option "@${option.name}"`, fix: guess ? `did you mean "@${guess}"?` : `use @unique(a,b), @index(a,b), @display(field) or @access(public)` })
    }
  }
  return { uniques, indexes, display, access }
}

/** `@access(rule)` (`access: rule` in the models file): a known rule, and `signed-in` or `owner` only in an app with accounts. */
function readAccess(model: string, args: string[], auth: boolean, problems: Problem[]): AccessRule | undefined {
  const [rule = ''] = args
  if (!accessRules.includes(rule as AccessRule) || args.length !== 1) {
    const guess = didYouMean(rule, accessRules)
    problems.push({ model, message: `has an unknown access rule "${args.join(',')}"`, fix: `${guess ? `did you mean "${guess}"? ` : ''}use one of: ${accessRules.join(', ')}` })
  } else if (rule !== 'public' && !auth) {
    problems.push({ model, message: `has access: ${rule}, but the app has no accounts`, fix: 'add `auth: true` at the top of models.yaml (or run yo dbapp:auth), or remove the access rule' })
  } else {
    return rule as AccessRule
  }
  return undefined
}

function finishModel(draft: Draft, auth: boolean, problems: Problem[]): ModelDescription {
  const { name } = draft.definition
  const fields = draft.entries.filter((entry): entry is FieldDescription => !isPending(entry))
  const id = idOf(draft) ?? fields[0]!
  const strings = fields.filter((field) => typeInfo(field.type).labelsRows && !field.relation)
  const uniqueString = strings.find((field) => field.unique)
  const options = modelOptions(draft, fields, auth, problems)
  const variants = nameVariants(name)
  const sortable = [uniqueString ?? id, id, ...fields.filter((field) => (field.unique || field.index) && !field.relation)]
  return {
    name,
    names: variants,
    table: tableName(name),
    fields,
    relations: draft.relations,
    id,
    display: options.display ?? uniqueString ?? strings[0] ?? id,
    paths: { list: `/${variants.plural.kebab}`, row: `/${variants.singular.kebab}`, api: `/api/${variants.plural.kebab}` },
    sortable: [...new Set(sortable)],
    uniques: options.uniques,
    indexes: options.indexes,
    access: options.access ?? (auth ? 'signed-in' : 'public'),
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
      ['enum', ...model.fields.flatMap((field) => (field.enum ? [field.enum.name] : []))],
    ].flatMap(([what = '', ...values]) => values.map((value) => [what, value] as const))
    for (const [what, value] of claims) {
      const owner = owners.get(`${what} ${value}`)
      if (owner && owner !== model.name && !reported.has(`${model.name} ${owner}`)) {
        reported.add(`${model.name} ${owner}`)
        problems.push({ model: model.name, message: `has the same ${what} "${value}" as ${owner}`, fix: `rename ${model.name} or ${owner}` })
      }
      owners.set(`${what} ${value}`, model.name)
    }
  }
  const modelNames = new Set(models.map((model) => model.name.toLowerCase()))
  for (const model of models) {
    for (const field of model.fields) {
      if (field.enum && modelNames.has(field.enum.name.toLowerCase())) {
        problems.push({ model: model.name, field: field.name, message: `has an enum named ${field.enum.name}, like the model ${field.enum.name}`, fix: 'rename the field or the model' })
      }
    }
  }
}

/**
 * Checks the definitions against every rule and builds the normalized description.
 * Throws a DefinitionError that lists ALL problems at once.
 */
export function describeApp(appName: string, definition: AppDefinition, earlier: Problem[] = [], database?: string, runtime = 'node', auth = 'false'): AppDescription {
  const problems = [...earlier]
  if (auth !== 'true' && auth !== 'false') problems.push({ message: `the setting auth is "${auth}"`, fix: 'write auth: true (accounts and access rules) or auth: false' })
  const accounts = auth === 'true'
  if (accounts && runtime === 'workers') {
    problems.push({ message: 'accounts (auth: true) are not generated for Cloudflare Workers yet: scrypt at its safe settings needs the 128 MiB a Worker has in all', fix: 'use the runtime node or bun, or auth: false' })
  }
  const databaseName = database ?? definition.database ?? 'sqlite'
  if (!isDatabaseName(databaseName)) {
    const guess = didYouMean(databaseName, databaseNames)
    problems.push({ message: `the database "${databaseName}" is not one generator-dbapp writes for`, fix: `${guess ? `did you mean "${guess}"? ` : ''}use one of: ${databaseNames.join(', ')}` })
  }
  checkRuntime(runtime, databaseName, problems)
  if (definition.models.length === 0 && problems.length === 0) problems.push({ message: 'no models are defined', fix: 'define at least one model' })
  const drafts = definition.models.map((model) => draftModel(model, problems))
  const names = drafts.map((draft) => draft.definition.name)
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) problems.push({ model: name, message: 'is defined twice', fix: 'merge the two definitions' })
  })
  resolveRelations(drafts, problems)
  checkRequiredCycles(drafts, problems)
  for (const draft of drafts) checkNames(draft, problems)
  const models = drafts.map((draft) => finishModel(draft, accounts, problems))
  checkCollisions(models, problems)
  checkOwnership(models, problems)
  if (accounts) checkAccountUrls(models, problems)
  if (runtime === 'workers') checkD1Integers(models, problems)
  if (problems.length > 0) throw new DefinitionError(problems)
  return { name: appName, database: databaseName as DatabaseName, runtime: runtime as RuntimeName, auth: accounts, models }
}

/**
 * Rules of `access: owner`. The app adds the owner itself (`ownerId`, `owner`), so no field may take those names.
 * A relation between an owned model and a shared one is refused: the shared model's pages would list the owned
 * rows of every account, and an owned row could not be linked from a row that anyone may create.
 */
function checkOwnership(models: ModelDescription[], problems: Problem[]) {
  const owned = new Set(models.filter((model) => model.access === 'owner').map((model) => model.name))
  for (const model of models) {
    if (owned.has(model.name)) {
      const taken = [...model.fields.map((field) => field.name), ...model.relations.map((relation) => relation.name)].filter((name) => name === 'owner' || name === 'ownerId')
      for (const name of new Set(taken)) {
        problems.push({ model: model.name, field: name, message: `is a name the app gives the account that owns each row (access: owner)`, fix: 'rename the field, e.g. author' })
      }
    }
    for (const relation of model.relations.filter((relation) => relation.declared)) {
      if (owned.has(model.name) === owned.has(relation.target)) continue
      const [ownedName, sharedName] = owned.has(model.name) ? [model.name, relation.target] : [relation.target, model.name]
      problems.push({
        model: model.name,
        field: relation.name,
        message: `relates ${model.name} to ${relation.target}, but only ${ownedName} has access: owner: ${sharedName}'s pages would show every account's ${ownedName} rows`,
        fix: `give ${sharedName} access: owner too, or ${ownedName} the same access as ${sharedName}`,
      })
    }
  }
}

/** The JSON API of API tokens (the app's routes/tokens.ts), which no model's API may take when the app has accounts. */
const tokensApiPath = '/api/tokens'

function checkAccountUrls(models: ModelDescription[], problems: Problem[]): void {
  for (const model of models.filter((model) => model.paths.api === tokensApiPath)) {
    problems.push({ model: model.name, message: `has the URL "${tokensApiPath}", where accounts (auth: true) hand out API tokens`, fix: `rename it, e.g. ${model.name}Record` })
  }
}

/** D1 carries integers as JavaScript numbers: a bigint default past ±(2^53 - 1) could not be read back exactly. */
function checkD1Integers(models: ModelDescription[], problems: Problem[]) {
  const max = BigInt(Number.MAX_SAFE_INTEGER)
  for (const model of models) {
    for (const field of model.fields) {
      if (field.type !== 'bigint' || field.default === undefined || !/^-?[0-9]+$/.test(field.default)) continue
      const value = BigInt(field.default)
      if (value > max || value < -max) {
        problems.push({ model: model.name, field: field.name, message: `default(${field.default}) is more than D1 (Cloudflare Workers) stores exactly`, fix: `use a default between -${max} and ${max}, or the runtime node` })
      }
    }
  }
}

/** The runtime must be one the generator writes for, and tested with the app's database. */
function checkRuntime(runtime: string, database: string, problems: Problem[]) {
  if (!isRuntimeName(runtime)) {
    const guess = didYouMean(runtime, runtimeNames)
    problems.push({ message: `the runtime "${runtime}" is not one generator-dbapp writes for`, fix: `${guess ? `did you mean "${guess}"? ` : ''}use one of: ${runtimeNames.join(', ')}` })
  } else if (isDatabaseName(database) && !runtimes[runtime].databases.includes(database)) {
    problems.push({
      message: `a ${runtimes[runtime].label} app on ${databases[database].label} is not generated: ${runtimes[runtime].whyNotOthers}`,
      fix: `use the database ${runtimes[runtime].databases.join(' or ')} with ${runtime}, or the runtime node`,
    })
  }
}

