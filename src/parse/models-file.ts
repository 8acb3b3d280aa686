import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml'
import type { Problem } from '../model/problems.js'
import { settingNames } from '../settings.js'
import type { AppDefinition, FieldDefinition, ModelDefinition, ModifierDefinition } from './definitions.js'
import { FieldSyntaxError, parseCliField, parseFieldType, parseModelOption } from './field-spec.js'

export interface Parsed {
  definition: AppDefinition
  problems: Problem[]
}

const example = 'models:\n  User:\n    fields:\n      username: string:unique\n      email: string?'
const modelKeys = ['fields', 'unique', 'index', 'display', 'access']
/** The keys at the top of a models file: the app settings, and the models. */
const topKeys: string[] = [...settingNames, 'models']

/** Turns a syntax error into a problem that names its model, so all are reported together. */
function readOrProblem<T>(model: string, read: () => T, problems: Problem[]): T | undefined {
  try {
    return read()
  } catch (error) {
    if (!(error instanceof FieldSyntaxError)) throw error
    problems.push({ model, field: error.field, message: error.message, fix: error.fix })
    return undefined
  }
}

const text = (node: unknown) => (isScalar(node) ? String(node.value) : undefined)

/** `unique: [[a, b], [c, d]]` (or one list, `[a, b]`) as options `unique(a,b)`, `unique(c,d)`. */
function readFieldLists(model: string, key: 'unique' | 'index', node: unknown, problems: Problem[]): ModifierDefinition[] {
  const lists = isSeq(node) && node.items.every(isSeq) ? node.items : [node]
  return lists.flatMap((list) => {
    const names = isSeq(list) ? list.items.map(text) : []
    if (names.length === 0 || names.some((name) => name === undefined)) {
      problems.push({ model, message: `has a bad \`${key}:\``, fix: `list field names, e.g. ${key}: [[firstName, lastName]]` })
      return []
    }
    return [{ name: key, args: names as string[] }]
  })
}

function readModel(name: string, node: unknown, problems: Problem[]): ModelDefinition {
  const model: ModelDefinition = { name, fields: [], options: [] }
  const fieldsNode = isMap(node) ? node.get('fields', true) : undefined
  if (!isMap(node) || !isMap(fieldsNode)) {
    problems.push({ model: name, message: 'has no `fields:` map', fix: `give it fields, e.g.\n${example}` })
    return model
  }
  for (const pair of node.items) {
    const key = text(pair.key) ?? ''
    if (key === 'unique' || key === 'index') model.options.push(...readFieldLists(name, key, pair.value, problems))
    else if (key === 'display' || key === 'access') model.options.push({ name: key, args: [text(pair.value) ?? ''] })
    else if (!modelKeys.includes(key)) problems.push({ model: name, message: `has an unknown key "${key}"`, fix: `a model takes only ${modelKeys.map((k) => `\`${k}:\``).join(', ')}` })
  }
  for (const pair of fieldsNode.items) {
    const fieldName = text(pair.key) ?? ''
    const value = pair.value as Node | null
    if (!isScalar(value) || typeof value.value !== 'string') {
      problems.push({ model: name, field: fieldName, message: 'has no type', fix: `write its type as text, e.g. ${fieldName}: string` })
      continue
    }
    const field = readOrProblem(name, () => parseFieldType(fieldName, value.value as string), problems)
    if (field) model.fields.push(field)
  }
  return model
}

/** Reads a models file (YAML). Syntax problems are returned, not thrown, so all are reported together. */
export function parseModelsFile(source: string, fileName: string): Parsed {
  const problems: Problem[] = []
  const document = parseDocument(source, { uniqueKeys: true })
  for (const error of document.errors) {
    problems.push({ message: `${fileName} is not valid YAML: ${error.message.split('\n')[0]}`, fix: 'correct the YAML at that line' })
  }
  if (problems.length > 0) return { definition: { models: [] }, problems }
  const modelsNode = isMap(document.contents) ? document.contents.get('models', true) : undefined
  if (!isMap(modelsNode)) {
    problems.push({ message: `${fileName} has no \`models:\` map`, fix: `start the file like this:\n${example}` })
    return { definition: { models: [] }, problems }
  }
  const models = modelsNode.items.map((pair) => readModel(text(pair.key) ?? '', pair.value, problems))
  const database = isMap(document.contents) ? text(document.contents.get('database', true)) : undefined
  for (const pair of isMap(document.contents) ? document.contents.items : []) {
    const key = text(pair.key)
    if (!topKeys.includes(key ?? '')) problems.push({ message: `${fileName} has an unknown key "${key}"`, fix: `the file takes ${topKeys.map((k) => `\`${k}:\``).join(', ')}` })
  }
  return { definition: database === undefined ? { models } : { models, database }, problems }
}

/**
 * Reads a model from CLI words or a prompt's answer: fields like `username:string:unique`,
 * and model options like `@unique(firstName,lastName)`, `@index(createdAt)`, `@display(title)`, `@access(public)`.
 */
export function parseCliModel(name: string, words: string[]): Parsed {
  const problems: Problem[] = []
  const model: ModelDefinition = { name, fields: [], options: [] }
  for (const word of words) {
    if (word.startsWith('@')) {
      const option = readOrProblem(name, () => parseModelOption(word), problems)
      if (option) model.options.push(option)
    } else {
      const field = readOrProblem(name, () => parseCliField(word), problems)
      if (field) model.fields.push(field)
    }
  }
  return { definition: { models: [model] }, problems }
}
