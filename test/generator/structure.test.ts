import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { seedDefinition } from '../../src/definitions.js'
import { databaseNames } from '../../src/model/databases.js'
import { describeApp } from '../../src/model/describe.js'
import type { AppDefinition } from '../../src/parse/definitions.js'
import { parseModelsFile } from '../../src/parse/models-file.js'
import { delegateOf } from '../../src/writers/helpers/names.js'
import { renderApp } from '../../src/writers/render.js'

const library = parseModelsFile(readFileSync(new URL('../fixtures/library.yaml', import.meta.url), 'utf8'), 'library.yaml').definition
const accounts = parseModelsFile(readFileSync(new URL('../fixtures/accounts.yaml', import.meta.url), 'utf8'), 'accounts.yaml').definition
const apps: [string, AppDefinition, string][] = [
  ['the seed app', seedDefinition(), 'false'],
  ['the relation-rich app', library, 'false'],
  ['the relation-rich app with accounts', library, 'true'],
  ['the app with accounts', accounts, 'true'],
]

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

describe.each(apps)('%s, on every database', (_, definition, auth) => {
  it.each(databaseNames)('writes each model through its module alone (%s)', (database) => {
    const app = describeApp('app', definition, [], database, 'node', auth)
    const files = Object.entries(renderApp(app, ''))
    for (const model of app.models) {
      for (const write of ['create', 'update', 'delete']) {
        const call = new RegExp(`\\bdb\\.${delegateOf(model.name)}\\.${write}\\(`, 'g')
        const places = files.filter(([path]) => path.startsWith('src/')).flatMap(([path, text]) => (text.match(call) ?? []).map(() => path))
        expect(places, `${model.name}.${write}`).toEqual([`src/models/${model.names.plural.kebab}.ts`])
      }
    }
  })

  it.each(databaseNames)('spells each model URL only in its paths file (%s)', (database) => {
    const app = describeApp('app', definition, [], database, 'node', auth)
    const code = Object.entries(renderApp(app, '')).filter(([path]) => /\.(ts|tsx)$/.test(path) && !path.startsWith('src/paths/'))
    expect(code.length).toBeGreaterThan(10)
    for (const model of app.models) {
      const literal = new RegExp(`['"\`](${escape(model.paths.list)}|${escape(model.paths.row)}|${escape(model.paths.api)})(['"\`/?]|$)`, 'm')
      const found = code.filter(([, text]) => literal.test(text)).map(([path]) => path)
      expect(found, model.name).toEqual([])
    }
  })
})
