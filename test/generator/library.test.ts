import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import helpers, { result } from 'yeoman-test'
import AppGenerator from '../../generators/app/index.js'
import { readTree } from '../support/files.js'

const resolved = fileURLToPath(new URL('../../generators/app/index.ts', import.meta.url))
const models = readFileSync(new URL('../fixtures/library.yaml', import.meta.url), 'utf8')

/**
 * The relation-rich app (every scalar type, belongs-to, has-many, many-to-many and the Employee self-relation),
 * written whole: the snapshot shows a reviewer what every template branch produces.
 */
describe('yo dbapp --models library.yaml', () => {
  it('writes the whole relation-rich app, as in the snapshot', async () => {
    await helpers
      .run<AppGenerator>(AppGenerator, { namespace: 'dbapp:app', resolved })
      .withFiles({ 'library.yaml': models })
      .withArguments(['library'])
      .withOptions({ models: 'library.yaml', skipInstall: true })
    const files = readTree(join(result.cwd, 'library'), (path) => path.startsWith('prisma/schema-engine/') || path.startsWith('.dbapp/'))
    expect(Object.keys(files)).toContain('src/models/employees.ts')
    expect(files).toMatchSnapshot()
  })
})
