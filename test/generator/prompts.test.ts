import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import helpers, { result } from 'yeoman-test'
import AppGenerator from '../../generators/app/index.js'
import { checkModelFields, checkModelName } from '../../src/prompts.js'
import { parseCliModel } from '../../src/parse/models-file.js'

const run = () =>
  helpers.run<AppGenerator>(AppGenerator, { namespace: 'dbapp:app', resolved: fileURLToPath(new URL('../../generators/app/index.ts', import.meta.url)) })

describe('interactive prompts', () => {
  // The generator asks only on a terminal; yeoman-test answers in its place.
  const tty = Object.getOwnPropertyDescriptor(process.stdin, 'isTTY')
  beforeEach(() => Object.defineProperty(process.stdin, 'isTTY', { value: true, configurable: true }))
  afterEach(() => (tty ? Object.defineProperty(process.stdin, 'isTTY', tty) : delete (process.stdin as { isTTY?: boolean }).isTTY))

  it('asks for the app name and for models until an empty name', async () => {
    await run()
      .withAnswers({ name: 'shop', model0: 'Product', fields0: 'name:string:unique price:float', model1: 'Category', fields1: 'title:string', model2: '' })
      .withOptions({ skipInstall: true })
    result.assertFileContent('shop/package.json', '"name": "shop"')
    result.assertFileContent('shop/prisma/schema.prisma', 'model Product {')
    result.assertFileContent('shop/prisma/schema.prisma', 'model Category {')
    result.assertFileContent('shop/models.yaml', '  Category:\n    fields:\n      title: string\n')
    result.assertFile('shop/src/routes/categories.tsx')
  })

  it('offers the seed model as the default answers', async () => {
    await run().withArguments(['seed']).withAnswers({ model1: '' }).withOptions({ skipInstall: true })
    result.assertFileContent('seed/models.yaml', '      username: string:unique\n      email: string?\n')
  })
})

describe('prompt validation, as each answer is typed', () => {
  const earlier = parseCliModel('User', ['name:string']).definition.models

  it('accepts a good model name, and an empty one that ends the list', () => {
    expect(checkModelName(earlier, 'Post')).toBe(true)
    expect(checkModelName(earlier, '')).toBe(true)
  })

  it('explains a bad or clashing model name', () => {
    expect(checkModelName(earlier, 'post')).toContain('use a PascalCase identifier, e.g. Post')
    expect(checkModelName(earlier, 'Users')).toContain('has the same URL "/users" as User')
  })

  it('explains bad fields, all of them', () => {
    expect(checkModelFields(earlier, 'Post', 'title:string body:text')).toBe(true)
    const message = checkModelFields(earlier, 'Post', 'title:strng body:text:uniqe')
    expect(message).toContain('Post.title: has an unknown type "strng". Fix: did you mean "string"?')
    expect(message).toContain('Post.body: has an unknown modifier "uniqe". Fix: did you mean "unique"?')
  })
})
