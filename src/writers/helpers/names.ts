import type { ModelDescription } from '../../model/description.js'

/** Prisma Client's delegate for a model: `db.user`, `db.blogPost` (Prisma lower-cases the first letter only). */
export const delegateOf = (modelName: string) => modelName.charAt(0).toLowerCase() + modelName.slice(1)

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** A property name as it reads best in an object literal: `username`, `'-username'`. */
export const propertyKey = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`)

/** The names one model's code is written with, so every file spells them the same way (templates get them as `v`). */
export function identifiers(model: ModelDescription) {
  const { singular, plural } = model.names
  const Rows = plural.pascal === singular.pascal ? `${singular.pascal}List` : plural.pascal
  return {
    /** One row: `user`; many rows: `users` (`sheepList` when the plural is the singular). */
    row: singular.camel,
    rows: plural.camel === singular.camel ? `${singular.camel}List` : plural.camel,
    delegate: delegateOf(model.name),
    /** The pages and the JSON API (src/routes/, src/api/). */
    pages: `${singular.camel}Pages`,
    api: `${singular.camel}Api`,
    /** The URL patterns and the link builders (src/paths/). */
    routes: `${singular.camel}Routes`,
    paths: `${singular.camel}Paths`,
    /** The input and list query schemas (src/schemas/). */
    input: `${singular.camel}Input`,
    listQuery: `${singular.camel}ListQuery`,
    /** A row, and a row of the list (with its parents), as the JSON API sends them (src/schemas/). */
    json: `${singular.camel}Json`,
    listItemJson: `${singular.camel}ListItemJson`,
    /** The model's module (src/models/): its data access. */
    list: `list${Rows}`,
    filter: `${singular.camel}Filter`,
    get: `get${model.name}`,
    getWithRelations: `get${model.name}WithRelations`,
    getForEdit: `get${model.name}ForEdit`,
    create: `create${model.name}`,
    update: `update${model.name}`,
    delete: `delete${model.name}`,
    choices: `${singular.camel}Choices`,
    formOptions: `${singular.camel}FormOptions`,
    withRelations: `${model.name}WithRelations`,
    /** Test samples: valid input, and a row made in the database. */
    valid: `valid${model.name}`,
    make: `make${model.name}`,
  }
}
