import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import helpers from 'yeoman-test'
import ModelGenerator from '../../generators/model/index.js'
import { seedDefinition } from '../../src/definitions.js'
import { RegeneratingGenerator } from '../../src/regenerating-generator.js'
import { expectDatabase } from '../support/database-files.js'
import { readTree } from '../support/files.js'
import { scratchDir } from '../support/paths.js'
import { writeGeneratedApp } from '../support/seed-app.js'

const resolved = fileURLToPath(new URL('../../generators/model/index.ts', import.meta.url))
const runModel = (dir: string, args: string[]) =>
  helpers.run<ModelGenerator>(ModelGenerator, { namespace: 'dbapp:model', resolved }).cd(dir).withArguments(args).withOptions({ force: false })

/** The seed app, written to disk as `yo dbapp --yes` writes it. */
const seedApp = () => writeGeneratedApp(seedDefinition())

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8')

describe('yo dbapp:model inside an app', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('runs the install and end steps it inherits, once each', async () => {
    const install = vi.spyOn(RegeneratingGenerator.prototype, 'install')
    const end = vi.spyOn(RegeneratingGenerator.prototype, 'end')
    const { dir } = seedApp()
    const run = await runModel(dir, ['Tag', 'name:string:unique', '--skip-install'])
    expect([install.mock.calls.length, end.mock.calls.length]).toEqual([1, 1])
    expect(run.generator.installed).toBe('unchanged')
  })

  it('adds a model: models file, schema, routes mounted, views and tests', async () => {
    const { dir, files } = seedApp()
    await runModel(dir, ['BlogPost', 'title:string(200):unique', 'body:text', 'published:boolean'])
    expect(read(dir, 'models.yaml')).toContain('  BlogPost:\n    fields:\n      title: string(200):unique\n      body: text\n      published: boolean\n')
    expect(read(dir, 'prisma/schema.prisma')).toContain('model BlogPost {')
    expect(read(dir, 'prisma/schema.prisma')).toContain('@@map("blog_post")')
    expect(read(dir, 'src/app.ts')).toContain(".route('/', blogPostPages)")
    expect(read(dir, 'src/paths/blog-posts.ts')).toContain("create: '/blog-posts/create',")
    expect(read(dir, 'src/routes/blog-posts.tsx')).toContain('blogPostPages.post(blogPostRoutes.create')
    expect(read(dir, 'src/views/layout.tsx')).toContain('<a href={blogPostPaths.list}>Blog posts</a>')
    expect(read(dir, 'test/blog-posts.pages.test.ts')).toContain("describe('blog posts pages'")
    // The User model's own files are untouched.
    expect(read(dir, 'src/routes/users.tsx')).toBe(files['src/routes/users.tsx'])
  })

  it('changes the fields of an existing model, keeping the comments of the models file', async () => {
    const { dir } = seedApp()
    await runModel(dir, ['User', 'username:string:unique', 'email:string?', 'age:int?'])
    const models = read(dir, 'models.yaml')
    expect(models).toContain('# The models this app was generated from.')
    expect(models).toContain('      age: int?\n')
    expect(read(dir, 'prisma/schema.prisma')).toMatch(/age +Int\?/)
  })

  it('changes nothing when run twice with the same input', async () => {
    const { dir } = seedApp()
    await runModel(dir, ['Tag', 'name:string:unique'])
    const after = readTree(dir)
    expect(Object.keys(after)).toContain('src/routes/tags.tsx')
    await runModel(dir, ['Tag', 'name:string:unique'])
    expect(readTree(dir)).toEqual(after)
  })

  it('refuses bad fields with every problem and leaves the app as it was', async () => {
    const { dir } = seedApp()
    const before = readTree(dir)
    const run = runModel(dir, ['Post', 'title:strin', 'body:text:uniqe'])
    await expect(run).rejects.toThrow(/2 problems; no file was written/)
    expect(readTree(dir)).toEqual(before)
  })

  it('refuses to run outside an app', async () => {
    const dir = scratchDir('model-gen-empty')
    await expect(runModel(dir, ['Post', 'title:string'])).rejects.toThrow('There is no models.yaml')
  })
})

describe.each(['postgresql', 'mysql'] as const)('yo dbapp:model inside a %s app', (database) => {
  it('keeps the database: provider, adapter, driver, DATABASE_URL and models.yaml', async () => {
    const { dir, files } = writeGeneratedApp({ ...seedDefinition(), database })
    await runModel(dir, ['Post', 'title:string(200)', 'body:text'])
    expect(read(dir, 'prisma/schema.prisma')).toContain('model Post {')
    expectDatabase(dir, database)
    // Adding a model changes nothing that depends on the database.
    for (const path of ['src/db.ts', 'package.json', '.env', '.env.example', 'prisma.config.ts']) expect(read(dir, path), path).toBe(files[path])
  })

  it('keeps it run after run', async () => {
    const { dir } = writeGeneratedApp({ ...seedDefinition(), database })
    await runModel(dir, ['Post', 'title:string'])
    await runModel(dir, ['Tag', 'name:string:unique'])
    expectDatabase(dir, database)
  })
})

describe('yo dbapp:model inside a Bun app', () => {
  it('keeps the runtime: the Bun entry, libSQL, the Bun scripts and models.yaml', async () => {
    const { dir, files } = writeGeneratedApp(seedDefinition(), 'bunapp', 'bun')
    expect(files['models.yaml']).toMatch(/^runtime: bun$/m)
    await runModel(dir, ['Post', 'title:string(200)'])
    expect(read(dir, 'prisma/schema.prisma')).toContain('model Post {')
    for (const path of ['src/server.ts', 'src/db.ts', 'src/workers.ts', 'package.json', 'vitest.config.ts']) expect(read(dir, path), path).toBe(files[path])
    expect(read(dir, 'models.yaml')).toMatch(/^runtime: bun$/m)
  })
})
