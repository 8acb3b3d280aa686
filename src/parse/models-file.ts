import { parseDocument, isMap, isScalar, type Node } from 'yaml'
import type { Problem } from '../model/problems.js'
import type { AppDefinition, FieldDefinition, ModelDefinition } from './definitions.js'
import { FieldSyntaxError, parseCliField, parseFieldType } from './field-spec.js'

export interface Parsed {
  definition: AppDefinition
  problems: Problem[]
}

const example = 'models:\n  User:\n    fields:\n      username: string:unique\n      email: string?'

/** Turns a syntax error in one field into a problem that names its model. */
export function fieldOrProblem(model: string, read: () => FieldDefinition, problems: Problem[]): FieldDefinition | undefined {
  try {
    return read()
  } catch (error) {
    if (!(error instanceof FieldSyntaxError)) throw error
    problems.push({ model, field: error.field, message: error.message, fix: error.fix })
    return undefined
  }
}

function readModel(name: string, node: unknown, problems: Problem[]): ModelDefinition {
  const fieldsNode = isMap(node) ? node.get('fields', true) : undefined
  if (!isMap(node) || !isMap(fieldsNode)) {
    problems.push({ model: name, message: 'has no `fields:` map', fix: `give it fields, e.g.\n${example}` })
    return { name, fields: [] }
  }
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    if (key !== 'fields') problems.push({ model: name, message: `has an unknown key "${key}"`, fix: 'models take only `fields:`' })
  }
  const fields: FieldDefinition[] = []
  for (const pair of fieldsNode.items) {
    const fieldName = isScalar(pair.key) ? String(pair.key.value) : ''
    const value = pair.value as Node | null
    if (!isScalar(value) || typeof value.value !== 'string') {
      problems.push({ model: name, field: fieldName, message: 'has no type', fix: `write its type as text, e.g. ${fieldName}: string` })
      continue
    }
    const field = fieldOrProblem(name, () => parseFieldType(fieldName, value.value as string), problems)
    if (field) fields.push(field)
  }
  return { name, fields }
}

/** Reads a models file (YAML). Syntax problems are returned, not thrown, so all are reported together. */
export function parseModelsFile(text: string, fileName: string): Parsed {
  const problems: Problem[] = []
  const document = parseDocument(text, { uniqueKeys: true })
  for (const error of document.errors) {
    problems.push({ message: `${fileName} is not valid YAML: ${error.message.split('\n')[0]}`, fix: 'correct the YAML at that line' })
  }
  if (problems.length > 0) return { definition: { models: [] }, problems }
  const modelsNode = isMap(document.contents) ? document.contents.get('models', true) : undefined
  if (!isMap(modelsNode)) {
    problems.push({ message: `${fileName} has no \`models:\` map`, fix: `start the file like this:\n${example}` })
    return { definition: { models: [] }, problems }
  }
  const models = modelsNode.items.map((pair) => readModel(isScalar(pair.key) ? String(pair.key.value) : '', pair.value, problems))
  return { definition: { models }, problems }
}

/** Reads a model from CLI words: `User username:string:unique email:string?`. */
export function parseCliModel(name: string, fieldWords: string[]): Parsed {
  const problems: Problem[] = []
  const fields = fieldWords.flatMap((word) => fieldOrProblem(name, () => parseCliField(word), problems) ?? [])
  return { definition: { models: [{ name, fields }] }, problems }
}
