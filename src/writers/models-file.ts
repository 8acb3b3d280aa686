import { Document, isMap, parseDocument } from 'yaml'
import type { AppDefinition, FieldDefinition, ModelDefinition } from '../parse/definitions.js'

const call = (name: string, args: string[]) => (args.length > 0 ? `${name}(${args.join(',')})` : name)

/** A field back in the one field syntax: `string(200)?:unique`. */
export function fieldSpec(field: FieldDefinition): string {
  const type = call(field.type, field.typeArgs) + (field.optional ? '?' : '')
  return [type, ...field.modifiers.map((modifier) => call(modifier.name, modifier.args))].join(':')
}

const header = `# The models this app was generated from. Change them, then run \`yo dbapp:model\` or \`yo dbapp\` again.
# Each field is  name: type[?][:modifier...]  — ? makes it optional; modifiers: unique, id, default(value).
# Types: string, string(max length), text, int, float, boolean, datetime.
`

const fieldsOf = (model: ModelDefinition) => Object.fromEntries(model.fields.map((field) => [field.name, fieldSpec(field)]))

/** A new models file for definitions that came from prompts or the CLI. */
export function modelsFileText(definition: AppDefinition): string {
  const models = Object.fromEntries(definition.models.map((model) => [model.name, { fields: fieldsOf(model) }]))
  return header + new Document({ models }).toString()
}

/** Adds a model to a models file, or replaces its fields, keeping the rest of the file and its comments. */
export function upsertModel(text: string, model: ModelDefinition): string {
  const document = parseDocument(text)
  if (!isMap(document.get('models'))) document.set('models', document.createNode({}))
  document.setIn(['models', model.name, 'fields'], document.createNode(fieldsOf(model)))
  return document.toString()
}
