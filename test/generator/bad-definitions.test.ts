import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import helpers from 'yeoman-test'
import AppGenerator from '../../generators/app/index.js'
import ModelGenerator from '../../generators/model/index.js'
import { seedDefinition } from '../../src/definitions.js'
import { describeApp } from '../../src/model/describe.js'
import { modelsFileText } from '../../src/writers/models-file.js'
import { renderApp } from '../../src/writers/render.js'
import { readTree } from '../support/files.js'
import { scratchDir } from '../support/paths.js'

const model = (fields: string, extra = '') => `models:\n  Thing:\n    fields:\n${fields.split(' ').map((f) => `      ${f.replace(':', ': ')}`).join('\n')}\n${extra}`

/**
 * Bad definitions, each with the messages it must produce (model.field: what, and the fix).
 * `yaml` goes through `yo dbapp --models`; `cli` through `yo dbapp:model` inside an app.
 */
const corpus: { name: string; yaml?: string; cli?: string[]; expected: string[] }[] = [
  { name: 'not YAML', yaml: 'models:\n  User: [\n', expected: ['models.yaml is not valid YAML'] },
  { name: 'no models map', yaml: 'users: 1\n', expected: ['has no `models:` map'] },
  { name: 'no models', yaml: 'models: {}\n', expected: ['no models are defined. Fix: define at least one model'] },
  { name: 'model without fields map', yaml: 'models:\n  User: 3\n', expected: ['User: has no `fields:` map'] },
  { name: 'unknown model key', yaml: 'models:\n  User:\n    fields:\n      a: string\n    colour: red\n', expected: ['User: has an unknown key "colour"'] },
  { name: 'field without a type', yaml: 'models:\n  User:\n    fields:\n      a: 12\n', expected: ['User.a: has no type. Fix: write its type as text'] },
  { name: 'model twice', yaml: 'models:\n  User:\n    fields: {a: string}\n  User:\n    fields: {b: string}\n', expected: ['not valid YAML: Map keys must be unique'] },
  { name: 'lower-case model', yaml: 'models:\n  user:\n    fields:\n      a: string\n', expected: ['user: "user" is not a valid model name. Fix: use a PascalCase identifier, e.g. User'] },
  { name: 'path as model name', yaml: 'models:\n  ../evil:\n    fields:\n      a: string\n', expected: ['"../evil" is not a valid model name. Fix: use a PascalCase identifier, e.g. Evil'] },
  { name: 'digit first model', cli: ['1Name', 'a:string'], expected: ['"1Name" is not a valid model name'] },
  { name: 'model Prisma', cli: ['Prisma', 'a:string'], expected: ['Prisma: "Prisma" is a name that Prisma or the generated code reserves. Fix: choose another name, e.g. PrismaRecord'] },
  { name: 'model Object', cli: ['Object', 'a:string'], expected: ['"Object" is a name that Prisma or the generated code reserves'] },
  { name: 'model Account', cli: ['Account', 'a:string'], expected: ['Account: "Account" is the name of a model that the generator writes for accounts (auth: true). Fix: rename it, e.g. Customer'] },
  { name: 'model AccountSession', yaml: 'auth: true\nmodels:\n  AccountSession:\n    fields: {a: string}\n', expected: ['AccountSession: "AccountSession" is the name of a model that the generator writes'] },
  { name: 'model ApiToken', cli: ['ApiToken', 'a:string'], expected: ['ApiToken: "ApiToken" is the name of a model that the generator writes for accounts (auth: true). Fix: rename it, e.g. ApiTokenRecord'] },
  { name: 'model on the API tokens URL', yaml: 'auth: true\nmodels:\n  Token:\n    fields: {a: string}\n', expected: ['Token: has the URL "/api/tokens", where accounts (auth: true) hand out API tokens. Fix: rename it, e.g. TokenRecord'] },
  { name: 'model PasswordReset', cli: ['PasswordReset', 'a:string'], expected: ['PasswordReset: "PasswordReset" is the name of a model that the generator writes for accounts (auth: true). Fix: rename it, e.g. PasswordResetRecord'] },
  { name: 'auth neither true nor false', yaml: 'auth: maybe\nmodels:\n  Thing:\n    fields: {a: string}\n', expected: ['the setting auth is "maybe". Fix: write auth: true (accounts and access rules) or auth: false'] },
  { name: 'unknown access rule', yaml: 'auth: true\nmodels:\n  Thing:\n    fields: {a: string}\n    access: signedin\n', expected: ['Thing: has an unknown access rule "signedin". Fix: did you mean "signed-in"? use one of: public, signed-in, owner'] },
  { name: 'access signed-in without accounts', cli: ['Thing', 'a:string', '@access(signed-in)'], expected: ['Thing: has access: signed-in, but the app has no accounts. Fix: add `auth: true` at the top of models.yaml (or run yo dbapp:auth)'] },
  { name: 'access owner without accounts', cli: ['Thing', 'a:string', '@access(owner)'], expected: ['Thing: has access: owner, but the app has no accounts'] },
  { name: 'owner field on an owned model', yaml: 'auth: true\nmodels:\n  Thing:\n    fields: {ownerId: int}\n    access: owner\n', expected: ['Thing.ownerId: is a name the app gives the account that owns each row (access: owner). Fix: rename the field, e.g. author'] },
  {
    name: 'owned model related to a shared one',
    yaml: 'auth: true\nmodels:\n  Category:\n    fields: {name: string}\n  Thing:\n    fields: {a: string, category: belongsTo(Category)}\n    access: owner\n',
    expected: ["Thing.category: relates Thing to Category, but only Thing has access: owner: Category's pages would show every account's Thing rows. Fix: give Category access: owner too, or Thing the same access as Category"],
  },
  { name: 'field digit first', cli: ['Thing', '1name:string'], expected: ['Thing.1name: "1name" is not a valid field name'] },
  { name: 'field upper first', cli: ['Thing', 'Name:string'], expected: ['Thing.Name: "Name" is not a valid field name'] },
  { name: 'field path', cli: ['Thing', '../x:string'], expected: ['"../x" is not a valid field name'] },
  { name: 'field constructor', cli: ['Thing', 'constructor:string'], expected: ['Thing.constructor: "constructor" is reserved in JavaScript objects'] },
  { name: 'field twice', cli: ['Thing', 'name:string', 'name:text'], expected: ['Thing.name: is defined twice'] },
  { name: 'User beside Users', cli: ['Users', 'name:string'], expected: ['Users: has the same URL "/users" as User. Fix: rename Users or User'] },
  { name: 'Person beside People', yaml: 'models:\n  Person:\n    fields: {a: string}\n  People:\n    fields: {a: string}\n', expected: ['People: has the same URL "/people" as Person'] },
  { name: 'names that differ only in case', yaml: 'models:\n  ABCPost:\n    fields: {a: string}\n  AbcPost:\n    fields: {a: string}\n', expected: ['AbcPost: has the same name "abcpost" as ABCPost. Fix: rename AbcPost or ABCPost'] },
  { name: 'enum named like a model', yaml: 'models:\n  Order:\n    fields:\n      status: enum(a,b)\n  OrderStatus:\n    fields: {a: string}\n', expected: ['Order.status: has an enum named OrderStatus, like the model OrderStatus'] },
  { name: 'no field given', cli: ['Thing', 'name'], expected: ['Thing.name: has no type. Fix: write name:type, e.g. name:string'] },
  { name: 'empty type', cli: ['Thing', 'name:?'], expected: ['Thing.name: has no type'] },
  { name: 'doubled colon', cli: ['Thing', 'name:string::unique'], expected: ['Thing.name: has an empty modifier'] },
  { name: 'unreadable type', cli: ['Thing', 'name:str ing'], expected: ['Thing.name: cannot read "str ing"'] },
  { name: 'unknown type', cli: ['Thing', 'name:strng'], expected: ['Thing.name: has an unknown type "strng". Fix: did you mean "string"?'] },
  { name: 'integer for int', cli: ['Thing', 'age:integer'], expected: ['Thing.age: has an unknown type "integer". Fix: did you mean "int"?'] },
  { name: 'unknown type far off', cli: ['Thing', 'x:wibble'], expected: ['Thing.x: has an unknown type "wibble". Fix: Known types: string, text, int'] },
  { name: 'zero length', cli: ['Thing', 'name:string(0)'], expected: ['Thing.name: has a bad length "string(0)"'] },
  { name: 'word length', cli: ['Thing', 'name:string(abc)'], expected: ['has a bad length "string(abc)"'] },
  { name: 'args on int', cli: ['Thing', 'n:int(3)'], expected: ['Thing.n: type "int" takes no arguments'] },
  { name: 'scale over precision', cli: ['Thing', 'p:decimal(2,5)'], expected: ['Thing.p: has a bad precision "decimal(2,5)"'] },
  { name: 'precision over 38', cli: ['Thing', 'p:decimal(50,2)'], expected: ['has a bad precision "decimal(50,2)"'] },
  { name: 'enum without values', cli: ['Thing', 's:enum'], expected: ['Thing.s: is an enum without values. Fix: list them, e.g. s:enum(draft,published)'] },
  { name: 'enum value twice', cli: ['Thing', 's:enum(a,a)'], expected: ['Thing.s: repeats the enum value "a"'] },
  { name: 'enum value not an identifier', cli: ['Thing', 's:enum(1x,b-c)'], expected: ['has enum values that are not identifiers: "1x", "b-c"'] },
  { name: 'uniq for unique', cli: ['Thing', 'name:string:uniq'], expected: ['Thing.name: has an unknown modifier "uniq". Fix: did you mean "unique"?'] },
  { name: 'modifier twice', cli: ['Thing', 'name:string:unique:unique'], expected: ['Thing.name: repeats the modifier "unique"'] },
  { name: 'modifier with arguments', cli: ['Thing', 'n:int:index(3)'], expected: ['Thing.n: modifier "index" takes no arguments'] },
  { name: 'empty default', cli: ['Thing', 'n:int:default()'], expected: ['Thing.n: has default() without exactly one value'] },
  { name: 'default not an int', cli: ['Thing', 'n:int:default(abc)'], expected: ['Thing.n: has a default "abc" that is not a valid int. Fix: give a int value or autoincrement, e.g. default(0)'] },
  { name: 'default out of int range', cli: ['Thing', 'n:int:default(3000000000)'], expected: ['has a default "3000000000" that is not a valid int'] },
  { name: 'default not a boolean', cli: ['Thing', 'b:boolean:default(yes)'], expected: ['Thing.b: has a default "yes" that is not a valid boolean. Fix: give a boolean value, e.g. default(false)'] },
  { name: 'default not an enum value', cli: ['Thing', 's:enum(a,b):default(c)'], expected: ['Thing.s: has a default "c" that is not a valid enum. Fix: give a enum value, e.g. default(a)'] },
  { name: 'default too long', cli: ['Thing', 's:string(2):default(abc)'], expected: ['Thing.s: has a default "abc" that is not a valid string'] },
  { name: 'unique json', cli: ['Thing', 'm:json:unique'], expected: ['Thing.m: cannot be unique: type json does not allow it'] },
  { name: 'unique boolean', cli: ['Thing', 'b:boolean:unique'], expected: ['Thing.b: cannot be unique: type boolean does not allow it'] },
  { name: 'indexed text', cli: ['Thing', 't:text:index'], expected: ['Thing.t: cannot be indexed: type text does not allow it'] },
  { name: 'createdAt on a string', cli: ['Thing', 'c:string:createdAt'], expected: ['Thing.c: is marked createdAt but is a string. Fix: make it a datetime: c:datetime:createdAt'] },
  { name: 'both stamps', cli: ['Thing', 'c:datetime:createdAt:updatedAt'], expected: ['Thing.c: is marked both createdAt and updatedAt'] },
  { name: 'stamp with default', cli: ['Thing', 'c:datetime:createdAt:default(now)'], expected: ['Thing.c: has a default and is marked createdAt'] },
  { name: 'string primary key', cli: ['Thing', 'code:string:id'], expected: ['Thing.code: cannot be a primary key of type string. Fix: use int (autoincrement) or uuid'] },
  { name: 'two primary keys', cli: ['Thing', 'a:int:id', 'b:uuid:id'], expected: ['Thing: has 2 primary keys (a, b)'] },
  { name: 'optional primary key', cli: ['Thing', 'a:int?:id'], expected: ['Thing.a: is a primary key and optional'] },
  { name: 'id not the key', cli: ['Thing', 'id:string'], expected: ['Thing.id: is named id but is not the primary key. Fix: add :id to it (id:int:id), or rename it'] },
  { name: 'fixed default on a key', cli: ['Thing', 'a:int:id:default(5)'], expected: ['Thing.a: is a primary key with a fixed default'] },
  { name: 'autoincrement off the key', cli: ['Thing', 'n:int:default(autoincrement)'], expected: ['Thing.n: uses autoincrement but is not the primary key'] },
  { name: 'relation to nothing', cli: ['Thing', 'owner:belongsTo(Nobody)'], expected: ['Thing.owner: relates to Nobody, which is not defined. Fix: define a model Nobody, or relate to one of: User, Thing'] },
  { name: 'relation typo', cli: ['Thing', 'owner:belongsTo(Usr)'], expected: ['Thing.owner: relates to Usr, which is not defined. Fix: did you mean User?'] },
  { name: 'relation without model', cli: ['Thing', 'owner:belongsTo'], expected: ['Thing.owner: needs the related model: belongsTo(Model)'] },
  { name: 'optional many-to-many', cli: ['Thing', 'users:manyToMany(User)?'], expected: ['Thing.users: is a many-to-many relation marked optional'] },
  { name: 'unknown onDelete', cli: ['Thing', 'owner:belongsTo(User):onDelete(explode)'], expected: ['Thing.owner: has an unknown onDelete "explode". Fix: use one of: cascade, restrict, setnull, noaction'] },
  { name: 'setNull on a required relation', cli: ['Thing', 'owner:belongsTo(User):onDelete(setNull)'], expected: ['Thing.owner: sets its key to null on delete but is required'] },
  { name: 'modifier on a relation', cli: ['Thing', 'owner:belongsTo(User):unique'], expected: ['Thing.owner: has a modifier "unique" that a belongsTo relation does not take'] },
  { name: 'required self-relation', cli: ['Thing', 'parent:belongsTo(Thing)'], expected: ['Thing.parent: is a required relation to its own model, so the first row could never be created. Fix: make it optional: parent:belongsTo(Thing)?'] },
  { name: 'required parents in a circle', yaml: 'models:\n  A:\n    fields:\n      b: belongsTo(B)\n  B:\n    fields:\n      a: belongsTo(A)\n', expected: ['A: requires a parent in a circle (A.b, B.a), so no row of them could be created first'] },
  { name: 'inverse name taken', yaml: 'models:\n  Author:\n    fields:\n      books: int\n  Book:\n    fields:\n      author: belongsTo(Author)\n', expected: ['Author.books: is used twice on Author: a field and the inverse of Book.author. Fix: rename the field, or name the inverse'] },
  { name: 'foreign key name taken', cli: ['Thing', 'userId:int', 'user:belongsTo(User)'], expected: ['Thing.userId: is used twice on Thing: a field and the foreign key of user'] },
  { name: 'bad inverse name', cli: ['Thing', 'owner:belongsTo(User, Things)'], expected: ['Thing.owner: has an inverse name "Things" that is not a valid field name'] },
  { name: 'composite unique of unknown fields', yaml: model('a:string b:string', '    unique: [[a, nope]]\n'), expected: ['Thing: has @unique(a,nope) naming unknown fields: nope'] },
  { name: 'composite index naming a field twice', cli: ['Thing', 'a:string', '@index(a,a)'], expected: ['Thing: has @index(a,a) naming a field twice'] },
  { name: 'display of no field', yaml: model('a:string', '    display: nope\n'), expected: ['Thing: has @display(nope) that names no field of Thing'] },
  { name: 'unknown model option', cli: ['Thing', 'a:string', 'b:string', '@uniq(a,b)'], expected: ['Thing: has an unknown model option "@uniq". Fix: did you mean "@unique"?'] },
  {
    name: 'several problems in several models, all reported',
    yaml: 'models:\n  user:\n    fields:\n      a: strng\n  Post:\n    fields:\n      b: string:uniq\n      c: belongsTo(Nope)\n',
    expected: ['"user" is not a valid model name', 'user.a: has an unknown type "strng"', 'Post.b: has an unknown modifier "uniq"', 'Post.c: relates to Nope, which is not defined', '4 problems'],
  },
  { name: 'bad unique list', yaml: model('a:string', '    unique: 3\n'), expected: ['Thing: has a bad `unique:`'] },
]

const appResolved = fileURLToPath(new URL('../../generators/app/index.ts', import.meta.url))
const modelResolved = fileURLToPath(new URL('../../generators/model/index.ts', import.meta.url))

/** The seed app on disk, copied for each case that runs `yo dbapp:model` in it. */
let seedApp = ''
beforeAll(() => {
  seedApp = scratchDir('bad-seed')
  const definition = seedDefinition()
  for (const [path, contents] of Object.entries(renderApp(describeApp('myapp', definition), modelsFileText(definition)))) {
    mkdirSync(dirname(join(seedApp, path)), { recursive: true })
    writeFileSync(join(seedApp, path), contents)
  }
})

describe(`${corpus.length} bad definitions: every problem reported, nothing written`, () => {
  it('has at least 40 cases, each with expected messages', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40)
    for (const entry of corpus) expect(entry.expected.length, entry.name).toBeGreaterThan(0)
  })

  for (const entry of corpus.filter((e) => e.yaml !== undefined)) {
    it(`yo dbapp --models: ${entry.name}`, async () => {
      const files = scratchDir('bad-models')
      writeFileSync(join(files, 'models.yaml'), entry.yaml ?? '')
      const target = scratchDir('bad-target')
      const run = helpers.run<AppGenerator>(AppGenerator, { namespace: 'dbapp:app', resolved: appResolved }).cd(target).withArguments(['app']).withOptions({ models: join(files, 'models.yaml'), skipInstall: true })
      const error = await run.then(() => undefined, (reason: unknown) => reason as Error)
      expect(error?.message).toMatch(/no file was written/)
      for (const message of entry.expected) expect(error?.message).toContain(message)
      expect(readTree(target)).toEqual({})
    })
  }

  for (const entry of corpus.filter((e) => e.cli !== undefined)) {
    it(`yo dbapp:model ${entry.cli?.join(' ')}: ${entry.name}`, async () => {
      const app = scratchDir('bad-app')
      cpSync(seedApp, app, { recursive: true })
      const before = readTree(app)
      const run = helpers.run<ModelGenerator>(ModelGenerator, { namespace: 'dbapp:model', resolved: modelResolved }).cd(app).withArguments(entry.cli ?? [])
      const error = await run.then(() => undefined, (reason: unknown) => reason as Error)
      expect(error?.message).toMatch(/no file was written/)
      for (const message of entry.expected) expect(error?.message).toContain(message)
      expect(readTree(app)).toEqual(before)
    })
  }
})
