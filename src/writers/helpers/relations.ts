import pluralize from 'pluralize'
import type { AppDescription, ModelDescription, RelationDescription } from '../../model/description.js'

export const modelNamed = (app: AppDescription, name: string) => app.models.find((model) => model.name === name)!

export const belongsTo = (model: ModelDescription) => model.relations.filter((relation) => relation.kind === 'belongsTo')
export const hasMany = (model: ModelDescription) => model.relations.filter((relation) => relation.kind === 'hasMany')
/** Many-to-many relations, edited as a list of ids (`tagIds`) from either side. */
export const manyToMany = (model: ModelDescription) => model.relations.filter((relation) => relation.kind === 'manyToMany')

/** The relations a model's form chooses rows for: its parents, and its many-to-many lists. */
export const chosenRelations = (model: ModelDescription) => [...belongsTo(model), ...manyToMany(model)]

/** Whether other models' forms choose rows of this one (it is a parent, or in a many-to-many list). */
export const isChosen = (model: ModelDescription) => model.relations.some((relation) => relation.kind !== 'belongsTo')

/** The input that lists a many-to-many relation's ids: `tags` → `tagIds`. */
export const idsField = (relation: RelationDescription) => `${pluralize.singular(relation.name)}Ids`

/** The form input that holds a relation's choice: the foreign key (`authorId`) or the list of ids (`tagIds`). */
export const choiceInput = (relation: RelationDescription) => (relation.kind === 'belongsTo' ? relation.foreignKey!.name : idsField(relation))

/** The name for one related row: `author`, or `tag` for the list `tags`. */
export const relatedVar = (relation: RelationDescription) => (relation.kind === 'manyToMany' ? pluralize.singular(relation.name) : relation.name)

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
