import type { AppDescription, FieldDescription, ModelDescription } from '../../src/model/description.js'

/**
 * MySQL DDL for an app's models, written the way Prisma's MySQL connector lays tables out (column types, index
 * and constraint names, the implicit many-to-many tables). Tests only: Prisma's WebAssembly engine has no MySQL
 * connector and its native engine cannot be downloaded here, so this is how the MariaDB tests get their tables
 * (with `auth: true`, the accounts' tables too).
 */
export function mysqlDdl(app: AppDescription): string[] {
  const byName = new Map(app.models.map((model) => [model.name, model]))
  const statements: string[] = []
  for (const model of app.models) statements.push(createTable(model))
  for (const model of app.models) {
    for (const relation of model.relations) {
      if (relation.kind === 'belongsTo' && relation.foreignKey) {
        const parent = byName.get(relation.target)!
        const action = { Cascade: 'CASCADE', Restrict: 'RESTRICT', SetNull: 'SET NULL', NoAction: 'NO ACTION' }[relation.onDelete ?? 'Restrict']
        statements.push(
          `ALTER TABLE \`${model.table}\` ADD CONSTRAINT \`${model.table}_${relation.foreignKey.name}_fkey\` FOREIGN KEY (\`${relation.foreignKey.name}\`) REFERENCES \`${parent.table}\`(\`${parent.id.name}\`) ON DELETE ${action} ON UPDATE CASCADE`,
        )
      }
      if (relation.kind === 'manyToMany' && relation.declared) statements.push(...joinTable(model, byName.get(relation.target)!, relation.relationName))
    }
  }
  if (!app.auth) return statements
  // An owned model's rows refer to the account that owns them (access: owner), once its table exists.
  const owners = app.models
    .filter((model) => model.access === 'owner')
    .map((model) => `ALTER TABLE \`${model.table}\` ADD CONSTRAINT \`${model.table}_ownerId_fkey\` FOREIGN KEY (\`ownerId\`) REFERENCES \`account\`(\`id\`) ON DELETE CASCADE ON UPDATE CASCADE`)
  return [...statements, ...accountTables(), ...owners]
}

const tableOptions = 'DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'
const stamp = 'DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)'

/** The accounts' tables of an app with `auth: true`, as src/writers/prisma-schema.ts declares them. */
function accountTables(): string[] {
  return [
    `CREATE TABLE \`account\` (\`id\` INTEGER NOT NULL AUTO_INCREMENT, \`email\` VARCHAR(191) NOT NULL, \`passwordHash\` VARCHAR(191) NOT NULL, \`admin\` BOOLEAN NOT NULL DEFAULT false, \`createdAt\` ${stamp}, UNIQUE INDEX \`account_email_key\`(\`email\`), PRIMARY KEY (\`id\`)) ${tableOptions}`,
    `CREATE TABLE \`account_session\` (\`id\` VARCHAR(191) NOT NULL, \`accountId\` INTEGER NOT NULL, \`createdAt\` ${stamp}, \`lastSeenAt\` ${stamp}, INDEX \`account_session_accountId_idx\`(\`accountId\`), PRIMARY KEY (\`id\`)) ${tableOptions}`,
    'ALTER TABLE `account_session` ADD CONSTRAINT `account_session_accountId_fkey` FOREIGN KEY (`accountId`) REFERENCES `account`(`id`) ON DELETE CASCADE ON UPDATE CASCADE',
    `CREATE TABLE \`api_token\` (\`id\` VARCHAR(191) NOT NULL, \`name\` VARCHAR(191) NOT NULL, \`accountId\` INTEGER NOT NULL, \`createdAt\` ${stamp}, \`lastUsedAt\` DATETIME(3) NULL, INDEX \`api_token_accountId_idx\`(\`accountId\`), PRIMARY KEY (\`id\`)) ${tableOptions}`,
    'ALTER TABLE `api_token` ADD CONSTRAINT `api_token_accountId_fkey` FOREIGN KEY (`accountId`) REFERENCES `account`(`id`) ON DELETE CASCADE ON UPDATE CASCADE',
    `CREATE TABLE \`sign_in_failure\` (\`id\` INTEGER NOT NULL AUTO_INCREMENT, \`key\` VARCHAR(191) NOT NULL, \`at\` ${stamp}, INDEX \`sign_in_failure_key_at_idx\`(\`key\`, \`at\`), PRIMARY KEY (\`id\`)) ${tableOptions}`,
    `CREATE TABLE \`password_reset\` (\`id\` VARCHAR(191) NOT NULL, \`accountId\` INTEGER NOT NULL, \`createdAt\` ${stamp}, \`expiresAt\` DATETIME(3) NOT NULL, \`usedAt\` DATETIME(3) NULL, INDEX \`password_reset_accountId_idx\`(\`accountId\`), PRIMARY KEY (\`id\`)) ${tableOptions}`,
    'ALTER TABLE `password_reset` ADD CONSTRAINT `password_reset_accountId_fkey` FOREIGN KEY (`accountId`) REFERENCES `account`(`id`) ON DELETE CASCADE ON UPDATE CASCADE',
  ]
}

function columnType(field: FieldDescription): string {
  switch (field.type) {
    case 'string':
      return field.maxLength === undefined ? 'VARCHAR(191)' : `VARCHAR(${field.maxLength})`
    case 'text':
      return 'TEXT'
    case 'int':
      return 'INTEGER'
    case 'bigint':
      return 'BIGINT'
    case 'float':
      return 'DOUBLE'
    case 'decimal':
      return `DECIMAL(${field.precision}, ${field.scale})`
    case 'boolean':
      return 'BOOLEAN'
    case 'datetime':
      return 'DATETIME(3)'
    case 'date':
      return 'DATE'
    case 'json':
      return 'JSON'
    case 'bytes':
      return 'LONGBLOB'
    case 'uuid':
      return 'CHAR(36)'
    case 'enum':
      return `ENUM(${(field.enum?.values ?? []).map((value) => `'${value}'`).join(', ')})`
  }
}

function createTable(model: ModelDescription): string {
  const lines = model.fields.map((field) => {
    const parts = [`\`${field.name}\``, columnType(field), field.optional ? 'NULL' : 'NOT NULL']
    if (field.default === 'autoincrement()') parts.push('AUTO_INCREMENT')
    else if (field.default === 'now()') parts.push('DEFAULT CURRENT_TIMESTAMP(3)')
    else if (field.default !== undefined && field.default !== 'uuid()' && !['json', 'text', 'bytes'].includes(field.type)) {
      parts.push(`DEFAULT ${field.default.startsWith('"') ? `'${JSON.parse(field.default) as string}'` : field.type === 'enum' ? `'${field.default}'` : field.default}`)
    }
    return parts.join(' ')
  })
  if (model.access === 'owner') lines.push('`ownerId` INTEGER NOT NULL', `INDEX \`${model.table}_ownerId_${model.id.name}_idx\`(\`ownerId\`, \`${model.id.name}\`)`)
  const unique = (fields: string[]) => `UNIQUE INDEX \`${model.table}_${fields.join('_')}_key\`(${fields.map((f) => `\`${f}\``).join(', ')})`
  lines.push(...model.fields.filter((field) => field.unique).map((field) => unique([field.name])))
  lines.push(...model.uniques.map(unique))
  lines.push(...model.fields.filter((field) => field.relation).map((field) => `INDEX \`${model.table}_${field.name}_idx\`(\`${field.name}\`)`))
  lines.push(`PRIMARY KEY (\`${model.id.name}\`)`)
  return `CREATE TABLE \`${model.table}\` (\n  ${lines.join(',\n  ')}\n) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`
}

/** Prisma's implicit many-to-many table: `_AToB` with columns A and B, named by the models in alphabetical order. */
function joinTable(a: ModelDescription, b: ModelDescription, relationName?: string): string[] {
  const [first, second] = [a, b].sort((x, y) => x.name.localeCompare(y.name)) as [ModelDescription, ModelDescription]
  const table = `_${relationName ?? `${first.name}To${second.name}`}`
  const column = (model: ModelDescription) => (model.id.type === 'uuid' ? 'CHAR(36)' : 'INTEGER')
  return [
    `CREATE TABLE \`${table}\` (\`A\` ${column(first)} NOT NULL, \`B\` ${column(second)} NOT NULL, UNIQUE INDEX \`${table}_AB_unique\`(\`A\`, \`B\`), INDEX \`${table}_B_index\`(\`B\`)) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    `ALTER TABLE \`${table}\` ADD CONSTRAINT \`${table}_A_fkey\` FOREIGN KEY (\`A\`) REFERENCES \`${first.table}\`(\`${first.id.name}\`) ON DELETE CASCADE ON UPDATE CASCADE`,
    `ALTER TABLE \`${table}\` ADD CONSTRAINT \`${table}_B_fkey\` FOREIGN KEY (\`B\`) REFERENCES \`${second.table}\`(\`${second.id.name}\`) ON DELETE CASCADE ON UPDATE CASCADE`,
  ]
}
