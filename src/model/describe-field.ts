import type { FieldDefinition } from '../parse/definitions.js'
import type { FieldDescription, ScalarType } from './description.js'
import { didYouMean } from './did-you-mean.js'
import { isScalarType, relationTypeNames, scalarTypeNames, typeInfo } from './field-types.js'
import type { Problem } from './problems.js'

export const fieldModifierNames = ['unique', 'index', 'id', 'default', 'createdAt', 'updatedAt'] as const
const knownTypes = [...scalarTypeNames, ...relationTypeNames]
const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Field names that would break Prisma Client's row objects or generated code. */
const reservedFieldNames = new Set(['constructor', 'prototype', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'then'])

/** `emailAddress` → `Email address`. */
export function label(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Checks a field's name; true when it may be used. */
export function checkFieldName(model: string, name: string, problems: Problem[]): boolean {
  if (!/^[a-z][A-Za-z0-9_]*$/.test(name)) {
    problems.push({ model, field: name, message: `"${name}" is not a valid field name`, fix: 'start with a lower-case letter and use only letters, digits and _, e.g. firstName' })
    return false
  }
  if (reservedFieldNames.has(name)) {
    problems.push({ model, field: name, message: `"${name}" is reserved in JavaScript objects`, fix: 'choose another name' })
    return false
  }
  return true
}

export function unknownType(model: string, field: string, type: string): Problem {
  const guess = didYouMean(type, knownTypes)
  const known = `Known types: ${knownTypes.join(', ')}`
  return { model, field, message: `has an unknown type "${type}"`, fix: guess ? `did you mean "${guess}"? ${known}` : known }
}

function unknownModifier(model: string, field: string, modifier: string): Problem {
  const guess = didYouMean(modifier, fieldModifierNames)
  const known = `Known modifiers: ${fieldModifierNames.join(', ')}`
  return { model, field, message: `has an unknown modifier "${modifier}"`, fix: guess ? `did you mean "${guess}"? ${known}` : known }
}

/** Reads the arguments after the type: `string(200)`, `decimal(10,2)`, `enum(draft,published)`. */
function typeArguments(model: string, definition: FieldDefinition, type: ScalarType, problem: (message: string, fix: string) => void) {
  const args = definition.typeArgs
  const rule = typeInfo(type).args
  if (rule === 'none') {
    if (args.length > 0) problem(`type "${type}" takes no arguments`, `write ${type} without parentheses`)
    return {}
  }
  if (rule === 'maxLength') {
    if (args.length === 0) return {}
    if (args.length > 1 || !/^[1-9][0-9]*$/.test(args[0] ?? '')) problem(`has a bad length "string(${args.join(',')})"`, 'give one positive whole number, e.g. string(200)')
    return { maxLength: Number(args[0]) }
  }
  if (rule === 'decimal') {
    if (args.length === 0) return { precision: 10, scale: 2 }
    const [precision, scale] = args.map(Number)
    const valid = args.length === 2 && args.every((arg) => /^[0-9]+$/.test(arg)) && precision !== undefined && scale !== undefined && precision >= 1 && precision <= 38 && scale <= precision
    if (!valid) problem(`has a bad precision "decimal(${args.join(',')})"`, 'write decimal(precision, scale) with 1 ≤ precision ≤ 38 and scale ≤ precision, e.g. decimal(10,2)')
    return { precision, scale }
  }
  const values = args
  if (values.length === 0) problem('is an enum without values', `list them, e.g. ${definition.name}:enum(draft,published)`)
  const bad = values.filter((value) => !identifier.test(value))
  if (bad.length > 0) problem(`has enum values that are not identifiers: ${bad.map((v) => `"${v}"`).join(', ')}`, 'use letters, digits and _, starting with a letter, e.g. enum(draft,in_review,published)')
  const repeated = values.filter((value, i) => values.indexOf(value) !== i)
  if (repeated.length > 0) problem(`repeats the enum value "${repeated[0]}"`, 'list each value once')
  return { enumValues: values }
}

/** Checks one scalar field and describes it; undefined when it has problems (already recorded). */
export function describeScalarField(model: string, definition: FieldDefinition, problems: Problem[]): FieldDescription | undefined {
  const { name } = definition
  const before = problems.length
  const problem = (message: string, fix: string) => problems.push({ model, field: name, message, fix })
  checkFieldName(model, name, problems)
  if (!isScalarType(definition.type)) {
    problems.push(unknownType(model, name, definition.type))
    for (const modifier of definition.modifiers) {
      if (!(fieldModifierNames as readonly string[]).includes(modifier.name)) problems.push(unknownModifier(model, name, modifier.name))
    }
    return undefined
  }
  const type = definition.type
  const info = typeInfo(type)
  const { maxLength, precision, scale, enumValues } = typeArguments(model, definition, type, problem)
  const field: FieldDescription = {
    name,
    type,
    optional: definition.optional,
    unique: false,
    index: false,
    isId: false,
    updatedAt: false,
    maxLength,
    precision,
    scale,
    enum: enumValues && { name: `${model}${name.charAt(0).toUpperCase()}${name.slice(1)}`, values: enumValues },
    label: label(name),
    generated: false,
  }

  const seen = new Set<string>()
  let defaultArg: string | undefined
  for (const modifier of definition.modifiers) {
    if (seen.has(modifier.name)) problem(`repeats the modifier "${modifier.name}"`, 'write it once')
    seen.add(modifier.name)
    const takesArgs = modifier.name === 'default'
    if (!takesArgs && modifier.args.length > 0 && (fieldModifierNames as readonly string[]).includes(modifier.name)) {
      problem(`modifier "${modifier.name}" takes no arguments`, `write :${modifier.name}`)
    }
    switch (modifier.name) {
      case 'unique':
        if (!info.canBeUnique) problem(`cannot be unique: type ${type} does not allow it`, 'remove :unique, or use a type such as string or int')
        field.unique = true
        break
      case 'index':
        if (!info.indexable) problem(`cannot be indexed: type ${type} does not allow it`, 'remove :index')
        field.index = true
        break
      case 'id':
        if (!info.key) problem(`cannot be a primary key of type ${type}`, 'use int (autoincrement) or uuid for a primary key')
        if (definition.optional) problem('is a primary key and optional', 'remove the ? : a primary key is always required')
        field.isId = true
        break
      case 'default':
        if (modifier.args.length !== 1 || modifier.args[0] === '') problem('has default() without exactly one value', 'write default(value), e.g. default(0)')
        else defaultArg = modifier.args[0]
        break
      case 'createdAt':
      case 'updatedAt':
        if (type !== 'datetime') problem(`is marked ${modifier.name} but is a ${type}`, `make it a datetime: ${name}:datetime:${modifier.name}`)
        if (modifier.name === 'createdAt') field.default = 'now()'
        else field.updatedAt = true
        field.generated = true
        break
      default:
        problems.push(unknownModifier(model, name, modifier.name))
    }
  }
  if (seen.has('createdAt') && seen.has('updatedAt')) problem('is marked both createdAt and updatedAt', 'keep one; use two fields for both stamps')
  if (defaultArg !== undefined) {
    if (field.generated) problem(`has a default and is marked ${seen.has('createdAt') ? 'createdAt' : 'updatedAt'}`, 'remove default(): the stamp sets the value')
    const keyword = (info.defaultKeywords as readonly string[]).includes(defaultArg) ? defaultArg : undefined
    if (keyword) field.default = `${keyword}()`
    else {
      const literal = info.literal(defaultArg, field)
      if (literal === undefined) {
        const keywords = info.defaultKeywords.length > 0 ? ` or ${info.defaultKeywords.join(', ')}` : ''
        problem(`has a default "${defaultArg}" that is not a valid ${type}`, `give a ${type} value${keywords}, e.g. ${defaultExample(field)}`)
      } else field.default = literal
    }
  }
  if (field.isId) {
    field.default ??= info.key?.default
    if (info.key && field.default !== info.key.default) problem('is a primary key with a fixed default', 'remove default(): ids are generated')
    field.generated = true
    field.unique = false
  }
  if (field.default === 'autoincrement()' && !field.isId) problem('uses autoincrement but is not the primary key', 'remove default(autoincrement), or make it the id')
  return problems.length > before ? undefined : field
}

function defaultExample(field: FieldDescription): string {
  return field.enum ? `default(${field.enum.values[0] ?? 'value'})` : typeInfo(field.type).defaultExample
}
