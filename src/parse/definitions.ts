/**
 * Definitions as the user wrote them, before any rule is checked.
 * The models file, the CLI words and the prompts all produce these.
 */
export interface AppDefinition {
  models: ModelDefinition[]
  /** The database the app runs on, when the definitions name one (`database:` in the models file). */
  database?: string
}

export interface ModelDefinition {
  name: string
  fields: FieldDefinition[]
  /** Model-level options: `@unique(a,b)`, `@index(a,b)`, `@display(name)`, `@access(public)`. */
  options: ModifierDefinition[]
}

export interface FieldDefinition {
  name: string
  /** The type as written, lower-cased: `string`, `belongsto`. */
  type: string
  /** Arguments in parentheses after the type: `string(200)` → `['200']`, `belongsTo(Author)` → `['Author']`. */
  typeArgs: string[]
  optional: boolean
  modifiers: ModifierDefinition[]
}

export interface ModifierDefinition {
  name: string
  args: string[]
}
