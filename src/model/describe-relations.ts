import type { FieldDefinition } from '../parse/definitions.js'
import type { FieldDescription, OnDelete, RelationDescription } from './description.js'
import { checkFieldName, label } from './describe-field.js'
import { didYouMean } from './did-you-mean.js'
import type { Problem } from './problems.js'

const onDeleteActions: Record<string, OnDelete> = { cascade: 'Cascade', restrict: 'Restrict', setnull: 'SetNull', noaction: 'NoAction' }

/** A relation as written on its model, before the other side is known. */
export interface PendingRelation {
  model: string
  kind: 'belongsTo' | 'manyToMany'
  name: string
  target: string
  /** The relation field to write on the target, when the user named it. */
  inverse?: string
  optional: boolean
  onDelete?: OnDelete
}

export const isRelationType = (type: string) => type === 'belongsto' || type === 'manytomany'

/** Reads `author:belongsTo(Author[, inverse])?:onDelete(cascade)` or `tags:manyToMany(Tag[, inverse])`. */
export function readRelation(model: string, definition: FieldDefinition, problems: Problem[]): PendingRelation | undefined {
  const { name } = definition
  const before = problems.length
  const problem = (message: string, fix: string) => problems.push({ model, field: name, message, fix })
  const kind = definition.type === 'belongsto' ? 'belongsTo' : 'manyToMany'
  checkFieldName(model, name, problems)
  const [target = '', inverse, ...extra] = definition.typeArgs
  if (target === '' || extra.length > 0) problem(`needs the related model: ${kind}(Model) or ${kind}(Model, inverseName)`, `e.g. ${name}:${kind}(${name.charAt(0).toUpperCase()}${name.slice(1)})`)
  if (inverse !== undefined && !/^[a-z][A-Za-z0-9_]*$/.test(inverse)) problem(`has an inverse name "${inverse}" that is not a valid field name`, 'start with a lower-case letter, e.g. books')
  if (kind === 'manyToMany' && definition.optional) problem('is a many-to-many relation marked optional', 'remove the ? : a many-to-many list may simply be empty')
  let onDelete: OnDelete | undefined
  for (const modifier of definition.modifiers) {
    if (modifier.name === 'onDelete' && kind === 'belongsTo') {
      onDelete = onDeleteActions[(modifier.args[0] ?? '').toLowerCase()]
      if (!onDelete || modifier.args.length !== 1) problem(`has an unknown onDelete "${modifier.args.join(',')}"`, `use one of: ${Object.keys(onDeleteActions).join(', ')}`)
      if (onDelete === 'SetNull' && !definition.optional) problem('sets its key to null on delete but is required', `make it optional (${name}:belongsTo(${target})?) or use onDelete(cascade)`)
    } else {
      const known = kind === 'belongsTo' ? ['onDelete'] : []
      const guess = didYouMean(modifier.name, known)
      problem(`has a modifier "${modifier.name}" that a ${kind} relation does not take`, guess ? `did you mean "${guess}"?` : known.length > 0 ? `a ${kind} takes only onDelete(...)` : `a ${kind} takes no modifiers`)
    }
  }
  if (problems.length > before) return undefined
  return { model, kind, name, target, inverse, optional: definition.optional, onDelete }
}

/** The foreign key that a belongs-to relation adds: `author` → `authorId`, typed like the parent's id. */
export function foreignKey(relation: PendingRelation, parentId: FieldDescription): FieldDescription {
  const name = `${relation.name}Id`
  return {
    name,
    type: parentId.type,
    optional: relation.optional,
    unique: false,
    index: true,
    isId: false,
    updatedAt: false,
    label: label(relation.name),
    generated: false,
  }
}

export function describeRelation(relation: PendingRelation, inverse: string, relationName: string | undefined): RelationDescription {
  return {
    kind: relation.kind,
    name: relation.name,
    target: relation.target,
    inverse,
    declared: true,
    relationName,
    optional: relation.optional,
    onDelete: relation.kind === 'belongsTo' ? (relation.onDelete ?? (relation.optional ? 'SetNull' : 'Restrict')) : undefined,
    label: label(relation.name),
  }
}
