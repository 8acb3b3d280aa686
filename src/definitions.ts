import type { AppDefinition } from './parse/definitions.js'
import { parseCliModel } from './parse/models-file.js'

/** The seed's model (Flask-SQLAlchemy's Quick Start): what `--yes` accepts. */
export const seedModel = { name: 'User', fields: ['username:string:unique', 'email:string?'] }

export function seedDefinition(): AppDefinition {
  return parseCliModel(seedModel.name, seedModel.fields).definition
}
