import { describe, expect, it } from 'vitest'
import { FieldSyntaxError, parseCliField } from '../../src/parse/field-spec.js'
import { parseCliModel, parseModelsFile } from '../../src/parse/models-file.js'
import { fieldSpec } from '../../src/writers/models-file.js'

describe('CLI fields', () => {
  it('reads name, type, optional marker and modifiers', () => {
    expect(parseCliField('username:string:unique')).toEqual({ name: 'username', type: 'string', typeArgs: [], optional: false, modifiers: [{ name: 'unique', args: [] }] })
    expect(parseCliField('email:string?')).toEqual({ name: 'email', type: 'string', typeArgs: [], optional: true, modifiers: [] })
    expect(parseCliField('title:string(200)?:default(Untitled)')).toEqual({
      name: 'title', type: 'string', typeArgs: ['200'], optional: true, modifiers: [{ name: 'default', args: ['Untitled'] }],
    })
  })

  it('lower-cases the type so String and string are one type', () => {
    expect(parseCliField('name:String').type).toBe('string')
  })

  it('keeps colons inside parentheses', () => {
    expect(parseCliField('at:string:default(10:30)').modifiers).toEqual([{ name: 'default', args: ['10:30'] }])
  })

  it.each([
    ['username', 'has no type'],
    ['username:', 'has no type'],
    ['username:?', 'has no type'],
    ['username:string::unique', 'empty modifier'],
    ['username:str ing', 'cannot read'],
  ])('refuses %s', (text, message) => {
    expect(() => parseCliField(text)).toThrow(FieldSyntaxError)
    expect(() => parseCliField(text)).toThrow(message)
  })

  it('writes a field back in the same syntax', () => {
    for (const text of ['username:string:unique', 'email:string?', 'title:string(200)?:default(x)']) {
      expect(`${text.split(':')[0]}:${fieldSpec(parseCliField(text))}`).toBe(text)
    }
  })

  it('collects every syntax problem of a model instead of stopping at the first', () => {
    const { problems } = parseCliModel('User', ['a', 'b:', 'c:string'])
    expect(problems.map((p) => p.field)).toEqual(['a', 'b'])
  })
})

describe('models file (YAML)', () => {
  it('reads models and fields in order', () => {
    const { definition, problems } = parseModelsFile('models:\n  User:\n    fields:\n      username: string:unique\n      email: string?\n', 'models.yaml')
    expect(problems).toEqual([])
    expect(definition.models.map((m) => [m.name, m.fields.map((f) => f.name)])).toEqual([['User', ['username', 'email']]])
  })

  it('reports YAML errors with the file name', () => {
    const { problems } = parseModelsFile('models:\n  User: [\n', 'mine.yaml')
    expect(problems[0]?.message).toMatch(/^mine\.yaml is not valid YAML/)
  })

  it('reports a duplicate model as a YAML error', () => {
    const { problems } = parseModelsFile('models:\n  User:\n    fields: {a: string}\n  User:\n    fields: {b: string}\n', 'm.yaml')
    expect(problems[0]?.message).toContain('unique')
  })

  it.each([
    ['nothing: 1\n', 'has no `models:` map'],
    ['models:\n  User: 3\n', 'has no `fields:` map'],
    ['models:\n  User:\n    fields:\n      a: string\n    colour: red\n', 'unknown key "colour"'],
    ['models:\n  User:\n    fields:\n      a: 12\n', 'has no type'],
  ])('refuses %j', (text, message) => {
    const { problems } = parseModelsFile(text, 'models.yaml')
    expect(problems.map((p) => p.message).join('\n')).toContain(message)
  })
})
