/**
 * Definitions as the user wrote them, before any rule is checked.
 * The models file, the CLI fields and the prompts all produce these.
 */
export interface AppDefinition {
  models: ModelDefinition[]
}

export interface ModelDefinition {
  name: string
  fields: FieldDefinition[]
}

export interface FieldDefinition {
  name: string
  /** The type as written, lower-cased: `string`. */
  type: string
  /** Arguments in parentheses after the type: `string(200)` → `['200']`. */
  typeArgs: string[]
  optional: boolean
  modifiers: ModifierDefinition[]
}

export interface ModifierDefinition {
  name: string
  args: string[]
}
