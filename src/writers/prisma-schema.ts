import type { AppDescription, FieldDescription, ModelDescription, RelationDescription } from '../model/description.js'
import { databases } from '../model/databases.js'
import { typeInfo } from '../model/field-types.js'
import { isTotalOrder } from './helpers/data.js'

function attributes(app: AppDescription, field: FieldDescription): string {
  const parts: string[] = []
  if (field.isId) parts.push('@id')
  if (field.unique) parts.push('@unique')
  if (field.default !== undefined) parts.push(`@default(${field.default})`)
  if (field.updatedAt) parts.push('@updatedAt')
  const native = databases[app.database].nativeType(field)
  if (native) parts.push(native)
  return parts.join(' ')
}

function relationRow(app: AppDescription, relation: RelationDescription): string[] {
  const named = relation.relationName ? `"${relation.relationName}"` : ''
  if (relation.kind === 'belongsTo') {
    const key = relation.foreignKey?.name ?? `${relation.name}Id`
    const args = [named, `fields: [${key}]`, `references: [${app.models.find((model) => model.name === relation.target)?.id.name ?? 'id'}]`, `onDelete: ${relation.onDelete}`].filter(Boolean).join(', ')
    return [relation.name, `${relation.target}${relation.optional ? '?' : ''}`, `@relation(${args})`]
  }
  return [relation.name, `${relation.target}[]`, named ? `@relation(${named})` : '']
}

/** Lines aligned in columns, the way `prisma format` writes them. */
function align(rows: string[][]): string[] {
  const widths = rows.reduce<number[]>((max, row) => row.map((cell, i) => Math.max(max[i] ?? 0, cell.length)), [])
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join(' ').trimEnd())
}

/**
 * Indexes: foreign keys, `:index` fields and sortable fields that need the primary key as tie-breaker. An owned
 * model's list always filters by owner, so its sort indexes start with `ownerId` (which also serves its foreign key).
 */
function indexes(model: ModelDescription): string[][] {
  const list: string[][] = []
  const owned = model.access === 'owner'
  for (const field of model.fields) {
    const sorted = model.sortable.includes(field)
    const tieBreak = isTotalOrder(field) ? [] : [model.id.name]
    if (owned && sorted) list.push(['ownerId', field.name, ...tieBreak])
    if (field.relation) list.push([field.name])
    else if (!owned && sorted && tieBreak.length > 0) list.push([field.name, ...tieBreak])
  }
  return [...list, ...model.indexes]
}

/** The owner of an owned model's row (`access: owner`): the account that created it, and its rows go with it. */
const ownerRows = [
  ['ownerId', 'Int', ''],
  ['owner', 'Account', '@relation(fields: [ownerId], references: [id], onDelete: Cascade)'],
]

/** The field of Account that lists an owned model's rows: `ownedNotes` (prefixed, so it never meets Account's own fields). */
export const ownedRowsField = (model: ModelDescription) => `owned${model.names.plural.pascal}`

function modelBlock(app: AppDescription, model: ModelDescription): string {
  const rows = model.fields.map((field) => [field.name, typeInfo(field.type).prisma(field) + (field.optional ? '?' : ''), attributes(app, field)])
  rows.push(...model.relations.map((relation) => relationRow(app, relation)))
  if (model.access === 'owner') rows.push(...ownerRows)
  const lines = align(rows).map((line) => `  ${line}`)
  const constraints = [
    ...model.uniques.map((fields) => `@@unique([${fields.join(', ')}])`),
    ...indexes(model).map((fields) => `@@index([${fields.join(', ')}])`),
    `@@map("${model.table}")`,
  ]
  return [`model ${model.name} {`, ...lines, '', ...constraints.map((line) => `  ${line}`), '}'].join('\n')
}

function enumBlocks(app: AppDescription): string[] {
  return app.models.flatMap((model) => model.fields.flatMap((field) => (field.enum ? [[`enum ${field.enum.name} {`, ...field.enum.values.map((value) => `  ${value}`), '}'].join('\n')] : [])))
}

/**
 * The tables of accounts (`auth: true`), which the generator owns: accounts with a password hash, their sessions
 * (the id is the SHA-256 of the token in the cookie, never the token), their API tokens (likewise; `lastUsedAt` is
 * null until first used) and recent failed sign-ins, counted per email and per client address for the rate limit.
 * An admin reaches every row of the owned models. Their code is in the app's src/auth/.
 */
function accountBlocks(app: AppDescription): string[] {
  const block = (name: string, table: string, rows: string[][], constraints: string[] = []) =>
    [`model ${name} {`, ...align(rows).map((line) => `  ${line}`), '', ...[...constraints, `@@map("${table}")`].map((line) => `  ${line}`), '}'].join('\n')
  return [
    block('Account', 'account', [
      ['id', 'Int', '@id @default(autoincrement())'],
      ['email', 'String', '@unique'],
      ['passwordHash', 'String', ''],
      ['admin', 'Boolean', '@default(false)'],
      ['createdAt', 'DateTime', '@default(now())'],
      ['sessions', 'AccountSession[]', ''],
      ['apiTokens', 'ApiToken[]', ''],
      ['resets', 'PasswordReset[]', ''],
      ...app.models.filter((model) => model.access === 'owner').map((model) => [ownedRowsField(model), `${model.name}[]`, '']),
    ]),
    block('AccountSession', 'account_session', [
      ['id', 'String', '@id'],
      ['accountId', 'Int', ''],
      ['account', 'Account', '@relation(fields: [accountId], references: [id], onDelete: Cascade)'],
      ['createdAt', 'DateTime', '@default(now())'],
      ['lastSeenAt', 'DateTime', '@default(now())'],
    ], ['@@index([accountId])']),
    block('ApiToken', 'api_token', [
      ['id', 'String', '@id'],
      ['name', 'String', ''],
      ['accountId', 'Int', ''],
      ['account', 'Account', '@relation(fields: [accountId], references: [id], onDelete: Cascade)'],
      ['createdAt', 'DateTime', '@default(now())'],
      ['lastUsedAt', 'DateTime?', ''],
    ], ['@@index([accountId])']),
    block('SignInFailure', 'sign_in_failure', [
      ['id', 'Int', '@id @default(autoincrement())'],
      ['key', 'String', ''],
      ['at', 'DateTime', '@default(now())'],
    ], ['@@index([key, at])']),
    // Password resets: the id is the SHA-256 of the token in the mailed link, never the token.
    block('PasswordReset', 'password_reset', [
      ['id', 'String', '@id'],
      ['accountId', 'Int', ''],
      ['account', 'Account', '@relation(fields: [accountId], references: [id], onDelete: Cascade)'],
      ['createdAt', 'DateTime', '@default(now())'],
      ['expiresAt', 'DateTime', ''],
      ['usedAt', 'DateTime?', ''],
    ], ['@@index([accountId])']),
  ]
}

/** `prisma/schema.prisma`: the client generator, the datasource, enums and one block per model (and the accounts' with auth). */
export function prismaSchema(app: AppDescription): string {
  const header = [
    'generator client {',
    '  provider = "prisma-client"',
    '  output   = "../src/generated/prisma"',
    // On Workers the client loads Prisma's query compiler as a WebAssembly module that wrangler bundles.
    ...(app.runtime === 'workers' ? ['  runtime  = "workerd"'] : []),
    '}',
    '',
    'datasource db {',
    `  provider = "${app.database}"`,
    '}',
  ].join('\n')
  const models = app.models.map((model) => modelBlock(app, model))
  return [header, ...enumBlocks(app), ...models, ...(app.auth ? accountBlocks(app) : [])].join('\n\n') + '\n'
}
