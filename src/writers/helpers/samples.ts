import { accountArg } from './access.js'
import type { AppDescription, FieldDescription, ModelDescription, RelationDescription } from '../../model/description.js'
import { typeInfo } from '../../model/field-types.js'
import { modelNamed } from './relations.js'

/** A sample value of a field as a form submits it, distinct for each `n`. */
export const sample = (field: FieldDescription) => typeInfo(field.type).sample(field)

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

/** The expression for the n-th sample input of a model, inside an async test (an owned model's, for `account`). */
export const validCall = (app: AppDescription, model: ModelDescription, n: string, account = 'account') =>
  sampleNeedsDb(app, model) ? `await valid${model.name}(db, ${accountArg(model, account)}${n})` : `valid${model.name}(${n})`

/** Whether a model's samples offer `make<Model>`, for the tests of related models. */
export const hasMakeSample = (model: ModelDescription) => model.relations.length > 0

/** How the typed client reaches a model's API: `client.api.users`, `client.api['blog-posts']`. */
export const apiClient = (model: ModelDescription) => {
  const segment = model.names.plural.kebab
  return /^[a-z][a-z0-9]*$/.test(segment) ? `client.api.${segment}` : `client.api[${JSON.stringify(segment)}]`
}
