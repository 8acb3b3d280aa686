import { Document, isMap, parseDocument } from 'yaml'
import type { AppDefinition, FieldDefinition, ModelDefinition } from '../parse/definitions.js'
import { settingNames, type AppSettings } from '../settings.js'

const call = (name: string, args: string[]) => (args.length > 0 ? `${name}(${args.join(',')})` : name)

/** A field back in the one field syntax: `string(200)?:unique`. */
export function fieldSpec(field: FieldDefinition): string {
  const type = call(field.type, field.typeArgs) + (field.optional ? '?' : '')
  return [type, ...field.modifiers.map((modifier) => call(modifier.name, modifier.args))].join(':')
}

const header = `# The models this app was generated from. Change them, then run \`yo dbapp:model\` or \`yo dbapp\` again.
# A field is  name: type[?][:modifier...]  (? makes it optional); see the generator's README for every type.
# database: sqlite, postgresql or mysql; runtime: node or bun. Change one and run \`yo dbapp\` in the app to switch.
`

/** A model as the models file holds it: its fields, then `unique`, `index` and `display` when given. */
function modelEntry(model: ModelDefinition): Record<string, unknown> {
  const entry: Record<string, unknown> = { fields: Object.fromEntries(model.fields.map((field) => [field.name, fieldSpec(field)])) }
  for (const key of ['unique', 'index'] as const) {
    const lists = model.options.filter((option) => option.name === key).map((option) => option.args)
    if (lists.length > 0) entry[key] = lists
  }
  const display = model.options.find((option) => option.name === 'display')
  if (display) entry.display = display.args[0]
  return entry
}

/** A new models file for definitions that came from prompts or the CLI. */
export function modelsFileText(definition: AppDefinition): string {
  const models = Object.fromEntries(definition.models.map((model) => [model.name, modelEntry(model)]))
  const contents = definition.database === undefined ? { models } : { database: definition.database, models }
  return header + new Document(contents).toString({ flowCollectionPadding: false })
}

/**
 * Adds a model to a models file, or replaces its definition, keeping the rest of the file and its comments.
 * A file that is not valid YAML is returned as it is, for its parse to report.
 */
export function upsertModel(text: string, model: ModelDefinition): string {
  const document = parseDocument(text)
  if (document.errors.length > 0) return text
  if (!isMap(document.get('models'))) document.set('models', document.createNode({}))
  const entry = modelEntry(model)
  const current = document.getIn(['models', model.name])
  if (!isMap(current)) {
    document.setIn(['models', model.name], document.createNode(entry))
  } else {
    for (const key of ['fields', 'unique', 'index', 'display']) {
      if (key in entry) current.set(key, document.createNode(entry[key]))
      else current.delete(key)
    }
  }
  return document.toString({ flowCollectionPadding: false })
}

/** The models file with every app setting written (a new key goes at the end), keeping the rest of the file and its comments. */
export function withSettings(text: string, settings: AppSettings): string {
  const document = parseDocument(text)
  const changed = settingNames.filter((name) => document.get(name) !== settings[name])
  if (changed.length === 0) return text
  for (const name of changed) document.set(name, settings[name])
  return document.toString({ flowCollectionPadding: false })
}
