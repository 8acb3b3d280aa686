import { describe, expect, it } from 'vitest'
import { describeApp } from '../../src/model/describe.js'
import { DefinitionError } from '../../src/model/problems.js'
import { parseCliModel } from '../../src/parse/models-file.js'
import type { AppDefinition } from '../../src/parse/definitions.js'

const models = (...specs: [string, ...string[]][]): AppDefinition => ({
  models: specs.flatMap(([name, ...fields]) => parseCliModel(name, fields).definition.models),
})

function problemsOf(definition: AppDefinition): string[] {
  try {
    describeApp('app', definition)
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems.map((p) => `${[p.model, p.field].filter(Boolean).join('.')}: ${p.message} | ${p.fix}`)
    throw error
  }
  return []
}

describe('the seed model', () => {
  const app = describeApp('myapp', models(['User', 'username:string:unique', 'email:string?']))
  const user = app.models[0]!

  it('adds the default primary key first', () => {
    expect(user.fields.map((f) => f.name)).toEqual(['id', 'username', 'email'])
    expect(user.id).toMatchObject({ name: 'id', type: 'int', isId: true, default: 'autoincrement()', generated: true })
  })

  it('orders and labels rows by the first unique string', () => {
    expect(user.sortable[0]?.name).toBe('username')
    expect(user.display.name).toBe('username')
  })

  it('maps to the snake_case table and the seed URLs', () => {
    expect(user.table).toBe('user')
    expect(user.paths).toEqual({ list: '/users', row: '/user', api: '/api/users' })
  })
})

describe('defaults when nothing is unique', () => {
  it('orders by the primary key and labels by the first string', () => {
    const [note] = describeApp('a', models(['Note', 'count:int', 'title:string'])).models
    expect(note?.sortable[0]?.name).toBe('id')
    expect(note?.display.name).toBe('title')
  })

  it('labels by the id when there is no string', () => {
    const [reading] = describeApp('a', models(['Reading', 'value:float'])).models
    expect(reading?.display.name).toBe('id')
  })

  it('accepts an explicit int primary key', () => {
    const [item] = describeApp('a', models(['Item', 'code:int:id', 'name:string'])).models
    expect(item?.id.name).toBe('code')
    expect(item?.fields.map((f) => f.name)).toEqual(['code', 'name'])
  })
})

describe('bad definitions: every problem at once, each with model, field and fix', () => {
  it.each([
    [models(['User', 'username:strng']), ['User.username: has an unknown type "strng" | did you mean "string"?']],
    [models(['User', 'username:string:uniq']), ['User.username: has an unknown modifier "uniq" | did you mean "unique"?']],
    [models(['User', 'name:string', 'name:text']), ['User.name: is defined twice']],
    [models(['user', 'name:string']), ['user: "user" is not a valid model name | use a PascalCase identifier, e.g. User']],
    [models(['Prisma', 'name:string']), ['Prisma: "Prisma" is a name that Prisma or the generated code reserves']],
    [models(['User', '1name:string']), ['User.1name: "1name" is not a valid field name']],
    [models(['User', 'name:string'], ['Users', 'name:string']), ['Users: has the same URL "/users" as User']],
    [models(['User', 'id:string']), ['User.id: is named id but is not the primary key']],
    [models(['User', 'title:string(0)']), ['User.title: has a bad length']],
    [models(['User', 'n:int(3)']), ['User.n: type "int" takes no arguments']],
    [models(['User', 'a:int:id', 'b:int:id']), ['User: has 2 primary keys (a, b)']],
    [models(['User', 'a:string:id']), ['User.a: cannot be a primary key of type string']],
    [models(['User', 'a:int?:id']), ['User.a: is a primary key and optional']],
    [models(['User']), ['User: has no fields']],
    [{ models: [] }, [': no models are defined']],
  ])('%#', (definition, expected) => {
    const problems = problemsOf(definition)
    expect(problems).toHaveLength(expected.length)
    expected.forEach((start, i) => expect(problems[i]).toContain(start))
  })

  it('reports problems from several models and fields together', () => {
    const problems = problemsOf(models(['User', 'a:strng', 'b:int:uniqe'], ['post', 'x:string']))
    expect(problems.map((p) => p.split(':')[0])).toEqual(['User.a', 'User.b', 'post'])
  })

  it('renders a message that names where and how to fix', () => {
    expect(() => describeApp('a', models(['User', 'username:strng']))).toThrow(
      /1 problem; no file was written:\n {2}- User\.username: has an unknown type "strng"\. Fix: did you mean "string"\?/,
    )
  })
})

describe('accounts and access rules', () => {
  const notes = (...extra: string[]) => models(['Note', 'title:string', ...extra])

  it('is off by default, and every model is then public', () => {
    const app = describeApp('a', notes())
    expect(app.auth).toBe(false)
    expect(app.models[0]?.access).toBe('public')
  })

  it('makes signed-in the default with auth on, and keeps a model that says public public', () => {
    expect(describeApp('a', notes(), [], undefined, 'node', 'true').models[0]?.access).toBe('signed-in')
    expect(describeApp('a', notes('@access(public)'), [], undefined, 'node', 'true').models[0]?.access).toBe('public')
    expect(describeApp('a', notes('@access(signed-in)'), [], undefined, 'node', 'true').models[0]?.access).toBe('signed-in')
  })
})
