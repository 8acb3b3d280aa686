import { Document, isMap, parseDocument } from 'yaml'
import type { AppDefinition, FieldDefinition, ModelDefinition } from '../parse/definitions.js'
import { settingNames, type AppSettings, type SettingName } from '../settings.js'

const booleans: Record<string, boolean> = { true: true, false: false }

const call = (name: string, args: string[]) => (args.length > 0 ? `${name}(${args.join(',')})` : name)

/** A field back in the one field syntax: `string(200)?:unique`. */
export function fieldSpec(field: FieldDefinition): string {
  const type = call(field.type, field.typeArgs) + (field.optional ? '?' : '')
  return [type, ...field.modifiers.map((modifier) => call(modifier.name, modifier.args))].join(':')
}

const header = `# The models this app was generated from. Change them, then run \`yo dbapp:model\` or \`yo dbapp\` again.
# A field is  name: type[?][:modifier...]  (? makes it optional); see the generator's README for every type.
# database: sqlite, postgresql or mysql; runtime: node or bun; auth: true or false (accounts: see the app's README).
# Change one and run \`yo dbapp\` in the app to switch.
`

/** A model as the models file holds it: its fields, then `unique`, `index`, `display` and `access` when given. */
function modelEntry(model: ModelDefinition): Record<string, unknown> {
  const entry: Record<string, unknown> = { fields: Object.fromEntries(model.fields.map((field) => [field.name, fieldSpec(field)])) }
  for (const key of ['unique', 'index'] as const) {
    const lists = model.options.filter((option) => option.name === key).map((option) => option.args)
    if (lists.length > 0) entry[key] = lists
  }
  for (const key of ['display', 'access'] as const) {
    const option = model.options.find((o) => o.name === key)
    if (option) entry[key] = option.args[0]
  }
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
    for (const key of ['fields', 'unique', 'index', 'display', 'access']) {
      if (key in entry) current.set(key, document.createNode(entry[key]))
      else current.delete(key)
    }
  }
  return document.toString({ flowCollectionPadding: false })
}

/** The models file with every app setting written (a new key goes at the end), keeping the rest of the file and its comments. */
export function withSettings(text: string, settings: AppSettings): string {
  const document = parseDocument(text)
  // `auth: true`, not `auth: "true"`: a setting that is a yes or a no is written as a YAML boolean.
  const value = (name: SettingName) => booleans[settings[name]] ?? settings[name]
  const changed = settingNames.filter((name) => document.get(name) !== value(name))
  if (changed.length === 0) return text
  for (const name of changed) document.set(name, value(name))
  return document.toString({ flowCollectionPadding: false })
}
