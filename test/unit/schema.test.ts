import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeApp } from '../../src/model/describe.js'
import type { AppDescription } from '../../src/model/description.js'
import { parseModelsFile } from '../../src/parse/models-file.js'
import { prismaSchema } from '../../src/writers/prisma-schema.js'
import { repoRoot, scratchDir } from '../support/paths.js'

function describeYaml(text: string): AppDescription {
  const { definition, problems } = parseModelsFile(text, 'models.yaml')
  return describeApp('app', definition, problems)
}

/** The lines of one model's block, each trimmed, with runs of spaces collapsed. */
function block(schema: string, model: string): string[] {
  const start = schema.indexOf(`model ${model} {`)
  const text = schema.slice(start, schema.indexOf('\n}', start))
  return text.split('\n').slice(1).map((line) => line.trim().replace(/\s+/g, ' ')).filter(Boolean)
}

/** Runs the real `prisma validate` on a schema; returns its output, throws with it on failure. */
function prismaValidate(schema: string): string {
  const dir = scratchDir('validate')
  mkdirSync(join(dir, 'prisma'))
  writeFileSync(join(dir, 'prisma', 'schema.prisma'), schema)
  writeFileSync(join(dir, 'prisma.config.mjs'), "export default { schema: 'prisma/schema.prisma', datasource: { url: 'file:./dev.db' } }\n")
  return execFileSync(join(repoRoot, 'node_modules', '.bin', 'prisma'), ['validate'], {
    cwd: dir,
    // validate never starts the schema engine; pointing at any program keeps the CLI from downloading one.
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true' },
    encoding: 'utf8',
  })
}

const scalars = describeYaml(`models:
  Specimen:
    fields:
      label: string(50):unique
      note: text?
      count: int:default(0):index
      big: bigint:default(9000000000)
      ratio: float?:default(1.5)
      price: decimal(12,3):default(1.250)
      cheap: decimal
      active: boolean:default(true)
      seenAt: datetime:default(now)
      fixedAt: datetime?:default(2026-01-02T03:04:05Z)
      day: date:default(2026-02-03)
      meta: json?:default({"a":1})
      blob: bytes?
      ref: uuid:default(uuid):unique
      status: enum(draft,in_review,published):default(draft)
      order: int?
      select: string?
      createdAt: datetime:createdAt
      updatedAt: datetime:updatedAt
    unique: [[count, status]]
    index: [[status, day]]
  Code:
    fields:
      key: uuid:id
      name: string
  Item:
    fields:
      number: int:id
      title: string
`)

const relations = describeYaml(`models:
  Author:
    fields:
      name: string:unique
  Book:
    fields:
      title: string
      author: belongsTo(Author):onDelete(cascade)
      editor: belongsTo(Author, editedBooks)?
      tags: manyToMany(Tag)
    display: title
  Tag:
    fields:
      name: string:unique
  Employee:
    fields:
      name: string
      manager: belongsTo(Employee, reports)?
  Person:
    fields:
      name: string
      friends: manyToMany(Person, friendOf)
  Enrollment:
    fields:
      student: belongsTo(Person)
      code: belongsTo(Code)?:onDelete(setNull)
    unique: [[student, code]]
  Code:
    fields:
      key: uuid:id
`)

describe('every scalar type and modifier, through to the Prisma schema', () => {
  const schema = prismaSchema(scalars)

  it('writes each field with its Prisma type and attributes', () => {
    expect(block(schema, 'Specimen')).toEqual([
      'id Int @id @default(autoincrement())',
      'label String @unique',
      'note String?',
      'count Int @default(0)',
      'big BigInt @default(9000000000)',
      'ratio Float? @default(1.5)',
      'price Decimal @default(1.250)',
      'cheap Decimal',
      'active Boolean @default(true)',
      'seenAt DateTime @default(now())',
      'fixedAt DateTime? @default("2026-01-02T03:04:05.000Z")',
      'day DateTime @default("2026-02-03T00:00:00.000Z")',
      'meta Json? @default("{\\"a\\":1}")',
      'blob Bytes?',
      'ref String @unique @default(uuid())',
      'status SpecimenStatus @default(draft)',
      'order Int?',
      'select String?',
      'createdAt DateTime @default(now())',
      'updatedAt DateTime @updatedAt',
      '@@unique([count, status])',
      '@@index([count, id])',
      '@@index([status, day])',
      '@@map("specimen")',
    ])
  })

  it('writes enums, and primary keys other than id', () => {
    expect(schema).toContain('enum SpecimenStatus {\n  draft\n  in_review\n  published\n}')
    expect(block(schema, 'Code')).toEqual(['key String @id @default(uuid())', 'name String', '@@map("code")'])
    expect(block(schema, 'Item')).toEqual(['number Int @id @default(autoincrement())', 'title String', '@@map("item")'])
  })

  it('keeps decimal precision, string length and enum values for validation', () => {
    const specimen = scalars.models[0]!
    const field = (name: string) => specimen.fields.find((f) => f.name === name)
    expect(field('price')).toMatchObject({ precision: 12, scale: 3 })
    expect(field('cheap')).toMatchObject({ precision: 10, scale: 2 })
    expect(field('label')).toMatchObject({ maxLength: 50 })
    expect(field('status')?.enum).toEqual({ name: 'SpecimenStatus', values: ['draft', 'in_review', 'published'] })
    expect(field('createdAt')).toMatchObject({ generated: true })
    expect(field('ref')).toMatchObject({ generated: false, default: 'uuid()' })
  })

  it('passes prisma validate', () => {
    expect(prismaValidate(schema)).toContain('is valid')
  })
})

describe('every relation kind, through to the Prisma schema', () => {
  const schema = prismaSchema(relations)

  it('writes a belongs-to with its foreign key and index, and the has-many on the parent', () => {
    expect(block(schema, 'Book')).toEqual([
      'id Int @id @default(autoincrement())',
      'title String',
      'authorId Int',
      'editorId Int?',
      'author Author @relation("BookAuthor", fields: [authorId], references: [id], onDelete: Cascade)',
      'editor Author? @relation("BookEditor", fields: [editorId], references: [id], onDelete: SetNull)',
      'tags Tag[]',
      '@@index([authorId])',
      '@@index([editorId])',
      '@@map("book")',
    ])
    expect(block(schema, 'Author')).toContain('books Book[] @relation("BookAuthor")')
    expect(block(schema, 'Author')).toContain('editedBooks Book[] @relation("BookEditor")')
  })

  it('writes many-to-many on both sides, and self-relations with a relation name', () => {
    expect(block(schema, 'Tag')).toContain('books Book[]')
    expect(block(schema, 'Employee')).toEqual([
      'id Int @id @default(autoincrement())',
      'name String',
      'managerId Int?',
      'manager Employee? @relation("EmployeeManager", fields: [managerId], references: [id], onDelete: SetNull)',
      'reports Employee[] @relation("EmployeeManager")',
      '@@index([managerId])',
      '@@map("employee")',
    ])
    expect(block(schema, 'Person')).toContain('friends Person[] @relation("PersonFriends")')
    expect(block(schema, 'Person')).toContain('friendOf Person[] @relation("PersonFriends")')
  })

  it('types a foreign key like the parent key, and resolves relation names in composite constraints', () => {
    expect(block(schema, 'Enrollment')).toEqual([
      'id Int @id @default(autoincrement())',
      'studentId Int',
      'codeId String?',
      'student Person @relation(fields: [studentId], references: [id], onDelete: Restrict)',
      'code Code? @relation(fields: [codeId], references: [key], onDelete: SetNull)',
      '@@unique([studentId, codeId])',
      '@@index([studentId])',
      '@@index([codeId])',
      '@@map("enrollment")',
    ])
  })

  it('uses the display field given, else the first unique string, the first string, the id', () => {
    const display = Object.fromEntries(relations.models.map((model) => [model.name, model.display.name]))
    expect(display).toMatchObject({ Book: 'title', Author: 'name', Employee: 'name', Enrollment: 'id', Code: 'key' })
  })

  it('passes prisma validate', () => {
    expect(prismaValidate(schema)).toContain('is valid')
  })
})

describe('the seed model', () => {
  it('passes prisma validate', () => {
    expect(prismaValidate(prismaSchema(describeYaml('models:\n  User:\n    fields:\n      username: string:unique\n      email: string?\n')))).toContain('is valid')
  })
})

describe('each database', () => {
  const yaml = `models:
  Item:
    fields:
      name: string(80):unique
      body: text?
      price: decimal(8,2)
      day: date
      ref: uuid:default(uuid)
      owner: belongsTo(Owner)?
  Owner:
    fields:
      key: uuid:id
`
  const schemaFor = (database: string) => {
    const { definition, problems } = parseModelsFile(yaml, 'models.yaml')
    return prismaSchema(describeApp('app', definition, problems, database))
  }

  it('writes the provider and native column types for PostgreSQL', () => {
    const schema = schemaFor('postgresql')
    expect(schema).toContain('provider = "postgresql"')
    expect(block(schema, 'Item')).toEqual(expect.arrayContaining([
      'name String @unique @db.VarChar(80)',
      'body String?',
      'price Decimal @db.Decimal(8, 2)',
      'day DateTime @db.Date',
      'ref String @default(uuid()) @db.Uuid',
      'ownerId String? @db.Uuid',
    ]))
    expect(prismaValidate(schema)).toContain('is valid')
  })

  it('writes the provider and native column types for MySQL', () => {
    const schema = schemaFor('mysql')
    expect(schema).toContain('provider = "mysql"')
    expect(block(schema, 'Item')).toEqual(expect.arrayContaining([
      'name String @unique @db.VarChar(80)',
      'body String? @db.Text',
      'price Decimal @db.Decimal(8, 2)',
      'day DateTime @db.Date',
      'ref String @default(uuid()) @db.Char(36)',
    ]))
    expect(prismaValidate(schema)).toContain('is valid')
  })

  it('refuses a database it does not write for, with a did-you-mean', () => {
    const { definition } = parseModelsFile(yaml, 'models.yaml')
    expect(() => describeApp('app', definition, [], 'postgres')).toThrow('the database "postgres" is not one generator-dbapp writes for. Fix: did you mean "postgresql"?')
  })

  it('reads the database from the models file', () => {
    const { definition } = parseModelsFile(`database: mysql\n${yaml}`, 'models.yaml')
    expect(describeApp('app', definition).database).toBe('mysql')
  })
})
