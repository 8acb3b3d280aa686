import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import helpers from 'yeoman-test'
import AppGenerator from '../../generators/app/index.js'
import ModelGenerator from '../../generators/model/index.js'
import { seedDefinition } from '../../src/definitions.js'
import { parseModelsFile } from '../../src/parse/models-file.js'
import { baseDir, mergeThreeWay, planFiles, summary } from '../../src/regenerate.js'
import { readTree } from '../support/files.js'
import { writeGeneratedApp } from '../support/seed-app.js'

const runModel = (dir: string, args: string[], options: { dryRun?: boolean; force?: boolean } = {}) =>
  helpers
    .run<ModelGenerator>(ModelGenerator, { namespace: 'dbapp:model', resolved: fileURLToPath(new URL('../../generators/model/index.ts', import.meta.url)) })
    .cd(dir)
    .withArguments(args)
    .withOptions({ force: false, ...options })

/** `yo dbapp` inside the app: the app again, from its own models file. */
const runApp = (dir: string) =>
  helpers
    .run<AppGenerator>(AppGenerator, { namespace: 'dbapp:app', resolved: fileURLToPath(new URL('../../generators/app/index.ts', import.meta.url)) })
    .cd(dir)
    .withOptions({ force: false, skipInstall: true })

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8')
const edit = (dir: string, path: string, change: (text: string) => string) => writeFileSync(join(dir, path), change(read(dir, path)))
const addAge = ['User', 'username:string:unique', 'email:string?', 'age:int?']

const customHandler = `
// Mine: how many users there are.
userPages.get('/users/count', async (c) => c.text(String(await c.var.db.user.count())))
`

describe('re-running the generator over an app the user has changed', () => {
  it('updates a file the user never touched, silently', async () => {
    const { dir } = writeGeneratedApp(seedDefinition())
    const run = await runModel(dir, addAge)
    expect(read(dir, 'src/views/users/form.tsx')).toContain('name="age"')
    expect(read(dir, 'src/schemas/user.ts')).toContain('age: optional(')
    expect(run.generator.plans.find((p) => p.path === 'src/views/users/form.tsx')?.outcome).toBe('updated')
    expect(summary(run.generator.plans)).toBe('')
  })

  it('keeps a handler the user added, and merges a view the user edited, while a field is added', async () => {
    const { dir } = writeGeneratedApp(seedDefinition())
    edit(dir, 'src/routes/users.tsx', (text) => text + customHandler)
    edit(dir, 'src/views/users/list.tsx', (text) => text.replace('New user</a>', 'Add someone</a>'))
    const run = await runModel(dir, addAge)
    expect(read(dir, 'src/routes/users.tsx')).toContain("userPages.get('/users/count'")
    const list = read(dir, 'src/views/users/list.tsx')
    expect(list).toContain('Add someone</a>')
    expect(list).toContain('<th>Age</th>')
    expect(list).not.toContain('<<<<<<<')
    expect(run.generator.plans.find((p) => p.path === 'src/views/users/list.tsx')?.outcome).toBe('merged')
    expect(summary(run.generator.plans)).toContain('Merged your changes with the new output:\n  src/views/users/list.tsx')
  })

  it('writes conflict markers where both changed the same lines, and lists the file with the command that finds it', async () => {
    const { dir } = writeGeneratedApp(seedDefinition())
    edit(dir, 'src/views/users/list.tsx', (text) => text.replace('<th>Email</th>', '<th>E-mail address</th>'))
    const run = await runModel(dir, ['User', 'username:string:unique', 'email:string?:unique'])
    const list = read(dir, 'src/views/users/list.tsx')
    expect(list).toMatch(/<<<<<<< yours\n.*<th>E-mail address<\/th>\n=======\n[^]*label="Email"[^]*\n>>>>>>> generated/)
    const report = summary(run.generator.plans)
    expect(report).toContain('CONFLICTS: both you and the generator changed these lines; resolve the <<<<<<< markers:\n  src/views/users/list.tsx')
    expect(report).toContain("grep -rn '^<<<<<<< yours'")
  })

  it('leaves a file the user deleted deleted', async () => {
    const { dir } = writeGeneratedApp(seedDefinition())
    rmSync(join(dir, 'src/views/users/delete.tsx'))
    const run = await runModel(dir, addAge)
    expect(existsSync(join(dir, 'src/views/users/delete.tsx'))).toBe(false)
    expect(summary(run.generator.plans)).toContain('they stay deleted')
  })

  it('removes the untouched files of a model removed from the definitions, and keeps and reports the ones the user changed', async () => {
    const twoModels = parseModelsFile('models:\n  User:\n    fields:\n      name: string\n  Post:\n    fields:\n      title: string\n', 'm').definition
    const { dir } = writeGeneratedApp(twoModels)
    edit(dir, 'src/routes/posts.tsx', (text) => text + customHandler)
    edit(dir, 'models.yaml', (text) => text.replace(/ {2}Post:\n.*\n.*title: string\n/, ''))
    const run = await runApp(dir)
    expect(read(dir, 'src/routes/posts.tsx')).toContain(customHandler)
    expect(read(dir, 'src/app.ts')).not.toContain('postPages')
    for (const path of ['src/views/posts/list.tsx', 'test/posts.pages.test.ts', 'src/models/posts.ts']) {
      expect(existsSync(join(dir, path)), path).toBe(false)
      expect(existsSync(join(dir, baseDir, path)), path).toBe(false)
    }
    const outcome = (outcome: string) => run.generator.plans.filter((p) => p.outcome === outcome).map((p) => p.path)
    expect(outcome('orphaned')).toEqual(['src/routes/posts.tsx'])
    expect(outcome('removed')).toEqual(expect.arrayContaining(['src/views/posts/list.tsx', 'test/posts.pages.test.ts', 'src/models/posts.ts']))
    expect(summary(run.generator.plans)).toContain('No longer generated, but you changed them')
  })

  it('creates the files of a renamed model and reports the old ones', async () => {
    const { dir } = writeGeneratedApp(parseModelsFile('models:\n  Post:\n    fields:\n      title: string\n', 'm').definition)
    edit(dir, 'models.yaml', (text) => text.replace('Post:', 'Article:'))
    const run = await runApp(dir)
    expect(read(dir, 'src/paths/articles.ts')).toContain("list: '/articles',")
    expect(read(dir, 'src/app.ts')).toContain(".route('/', articlePages)")
    expect(read(dir, 'prisma/schema.prisma')).toContain('model Article {')
    expect(run.generator.plans.filter((p) => p.outcome === 'removed').map((p) => p.path)).toContain('src/routes/posts.tsx')
    expect(existsSync(join(dir, 'src/routes/posts.tsx'))).toBe(false)
  })

  it('--dry-run writes nothing and says what it would do', async () => {
    const { dir } = writeGeneratedApp(seedDefinition())
    edit(dir, 'src/routes/users.tsx', (text) => text + customHandler)
    const before = readTree(dir)
    const run = await runModel(dir, addAge, { dryRun: true })
    expect(readTree(dir)).toEqual(before)
    expect(run.generator.plans.find((p) => p.path === 'src/views/users/form.tsx')?.outcome).toBe('updated')
  })

  it('--force replaces what the user changed', async () => {
    const { dir } = writeGeneratedApp(seedDefinition())
    edit(dir, 'src/views/users/list.tsx', (text) => text.replace('<th>Email</th>', '<th>E-mail address</th>'))
    const run = await runModel(dir, addAge, { force: true })
    expect(read(dir, 'src/views/users/list.tsx')).toContain('<th>Email</th>')
    expect(summary(run.generator.plans)).toContain('Replaced your version (--force):\n  src/views/users/list.tsx')
  })

  it('changes nothing when the same run is made twice, customizations included', async () => {
    const { dir } = writeGeneratedApp(seedDefinition())
    edit(dir, 'src/routes/users.tsx', (text) => text + customHandler)
    await runModel(dir, addAge)
    const after = readTree(dir)
    const again = await runModel(dir, addAge)
    expect(readTree(dir)).toEqual(after)
    expect(again.generator.plans.filter((p) => p.outcome !== 'unchanged')).toEqual([])
  })
})

describe('three-way merge', () => {
  const base = 'a\nb\nc\nd\n'

  it('takes changes from both sides when they touch different lines', () => {
    expect(mergeThreeWay(base, 'A\nb\nc\nd\n', 'a\nb\nc\nD\n')).toEqual({ text: 'A\nb\nc\nD\n', conflict: false })
  })

  it('marks a conflict where both changed the same line', () => {
    expect(mergeThreeWay(base, 'a\nX\nc\nd\n', 'a\nY\nc\nd\n')).toEqual({ text: 'a\n<<<<<<< yours\nX\n=======\nY\n>>>>>>> generated\nc\nd\n', conflict: true })
  })

  it('is not a conflict when both made the same change', () => {
    expect(mergeThreeWay(base, 'a\nX\nc\nd\n', 'a\nX\nc\nd\n')).toEqual({ text: 'a\nX\nc\nd\n', conflict: false })
  })
})

describe('planning a run', () => {
  const sources = (disk: Record<string, string>, base: Record<string, string>) => ({
    disk: (path: string) => disk[path],
    base: (path: string) => base[path],
    basePaths: Object.keys(base),
  })

  it('gives each kind of file its outcome', () => {
    const plans = planFiles(
      { new: 'n', same: 's', untouched: 'u2', edited: 'a\nb\nc2\n', customized: 'k', deleted: 'd2', models: 'm2' },
      sources(
        { same: 's', untouched: 'u1', edited: 'a1\nb\nc\n', customized: 'mine', models: 'mine', orphan: 'o', changedOrphan: 'mine' },
        { untouched: 'u1', edited: 'a\nb\nc\n', customized: 'k', deleted: 'd1', orphan: 'o', changedOrphan: 'o' },
      ),
      { fromDisk: ['models'] },
    )
    expect(Object.fromEntries(plans.map((p) => [p.path, [p.outcome, p.contents]]))).toEqual({
      new: ['created', 'n'],
      same: ['unchanged', undefined],
      untouched: ['updated', 'u2'],
      edited: ['merged', 'a1\nb\nc2\n'],
      customized: ['unchanged', undefined],
      deleted: ['kept-deleted', undefined],
      models: ['updated', 'm2'],
      orphan: ['removed', undefined],
      changedOrphan: ['orphaned', undefined],
    })
  })
})
