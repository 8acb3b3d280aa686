import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import helpers, { result } from 'yeoman-test'
import AppGenerator from '../../generators/app/index.js'
import { seedDefinition } from '../../src/definitions.js'
import { expectDatabase } from '../support/database-files.js'
import { readTree } from '../support/files.js'
import { writeGeneratedApp } from '../support/seed-app.js'

const run = () => helpers.run<AppGenerator>(AppGenerator, { namespace: 'dbapp:app', resolved: fileURLToPath(new URL('../../generators/app/index.ts', import.meta.url)) })


describe('yo dbapp --yes (the seed model)', () => {

  it('writes the whole app, as in the snapshot', async () => {
    await run().withArguments(['myapp']).withOptions({ yes: true, skipInstall: true })
    const app = join(result.cwd, 'myapp')
    expect(readTree(app)).toHaveProperty(['prisma/schema-engine/main.mjs'])
    // The engine is copied verbatim and tested on its own; the snapshot holds everything else.
    expect(readTree(app, (path) => path.startsWith('prisma/schema-engine/') || path.startsWith('.dbapp/'))).toMatchSnapshot()
  })

  it('declares every package that the generated code imports', async () => {
    await run().withArguments(['myapp']).withOptions({ yes: true, skipInstall: true })
    const files = readTree(join(result.cwd, 'myapp'))
    const pkg = JSON.parse(files['package.json'] ?? '{}') as Record<string, Record<string, string>>
    const declared = new Set(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }))
    const imported = new Set<string>()
    for (const [path, text] of Object.entries(files)) {
      if (!/\.(ts|tsx|mjs)$/.test(path)) continue
      for (const [, specifier = ''] of text.matchAll(/(?:from|import)\s*\(?\s*'([^'.][^']*)'/g)) {
        if (specifier.startsWith('node:')) continue
        const parts = specifier.split('/')
        imported.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? ''))
      }
    }
    expect(imported.size).toBeGreaterThan(5)
    expect([...imported].filter((name) => !declared.has(name))).toEqual([])
  })

  it('maps User to the table user and orders the list by username', async () => {
    await run().withArguments(['myapp']).withOptions({ yes: true, skipInstall: true })
    result.assertFileContent('myapp/prisma/schema.prisma', /model User \{\n {2}id +Int +@id @default\(autoincrement\(\)\)\n {2}username String +@unique\n {2}email +String\?\n\n {2}@@map\("user"\)\n\}/)
    result.assertFileContent('myapp/src/models/users.ts', "username: [{ username: 'asc' }]")
    result.assertFileContent('myapp/src/app.ts', ".route('/', userPages)")
  })
})

describe('yo dbapp --database', () => {
  it('writes a PostgreSQL app: provider, adapter, URL, offline engine, remembered in models.yaml', async () => {
    await run().withArguments(['pgapp']).withOptions({ yes: true, database: 'postgresql', skipInstall: true })
    const pkg = JSON.parse(readTree(join(result.cwd, 'pgapp'))['package.json'] ?? '{}') as Record<string, Record<string, string>>
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(expect.arrayContaining(['@prisma/adapter-pg', 'pg']))
    expect(Object.keys(pkg.dependencies ?? {})).not.toContain('better-sqlite3')
    result.assertFileContent('pgapp/prisma/schema.prisma', 'provider = "postgresql"')
    result.assertFileContent('pgapp/src/db.ts', 'new PrismaPg({ connectionString: url, max: poolSize')
    result.assertFileContent('pgapp/.env.example', 'DATABASE_URL="postgresql://postgres@localhost:5432/pgapp"')
    result.assertFileContent('pgapp/models.yaml', /^database: postgresql$/m)
    result.assertFile('pgapp/prisma/schema-engine/main.mjs')
    // Read replicas and a pooler: only PostgreSQL apps have the knobs (the end-to-end test is test/e2e/replicas.test.ts).
    result.assertFileContent('pgapp/src/db.ts', 'export function createReplicas(primary: PrismaClient): Replicas')
    result.assertFileContent('pgapp/src/middleware/database.ts', "const wroteCookie = 'read_primary_until'")
    result.assertFileContent('pgapp/prisma.config.ts', "process.env.DIRECT_DATABASE_URL ?? env('DATABASE_URL')")
    result.assertFileContent('pgapp/README.md', '## Past one database server')
  })

  it('gives SQLite and MySQL apps no read replicas', async () => {
    for (const database of ['sqlite', 'mysql']) {
      await run().withArguments(['other']).withOptions({ yes: true, database, skipInstall: true })
      result.assertNoFile('other/src/lib/replicas.ts')
      result.assertNoFileContent('other/src/middleware/database.ts', 'replica')
      result.assertNoFileContent('other/README.md', 'DATABASE_REPLICA_URLS')
    }
  })

  it('writes a MySQL app without the offline engine, which has no MySQL connector', async () => {
    await run().withArguments(['myapp']).withOptions({ yes: true, database: 'mysql', skipInstall: true })
    result.assertFileContent('myapp/src/db.ts', 'new PrismaMariaDb({')
    result.assertNoFile('myapp/prisma/schema-engine/main.mjs')
    result.assertNoFileContent('myapp/prisma.config.ts', 'PRISMA_SCHEMA_ENGINE_BINARY')
    result.assertFileContent('myapp/README.md', "Prisma's native schema engine")
  })
})

describe('yo dbapp --runtime', () => {
  const imports = (files: Record<string, string>) =>
    new Set(Object.entries(files).filter(([path]) => /\.(ts|tsx|mjs)$/.test(path)).flatMap(([, text]) => [...text.matchAll(/(?:from|import)\s*\(?\s*'([^'.][^']*)'/g)].map(([, specifier = '']) => specifier)))

  it('writes a Bun app: Bun.serve, libSQL for SQLite, Bun scripts; the routes, views and models as on Node', async () => {
    await run().withArguments(['nodeapp']).withOptions({ yes: true, skipInstall: true })
    const node = readTree(join(result.cwd, 'nodeapp'))
    await run().withArguments(['bunapp']).withOptions({ yes: true, runtime: 'bun', skipInstall: true })
    const bun = readTree(join(result.cwd, 'bunapp'))
    expect(bun['src/server.ts']).toContain('Bun.serve({ fetch: createApp(db).fetch, port, hostname, reusePort: cluster.isWorker })')
    expect(bun['src/db.ts']).toContain("new PrismaLibSql({ url, intMode: 'bigint', timeout: busyTimeoutMs })")
    expect(bun['models.yaml']).toMatch(/^runtime: bun$/m)
    const pkg = JSON.parse(bun['package.json'] ?? '{}') as Record<string, Record<string, string>>
    expect(pkg.scripts).toMatchObject({ dev: 'bun --watch src/server.ts', start: 'bun dist/server.js', test: 'bun --bun vitest run', 'db:push': 'prisma db push' })
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(expect.arrayContaining(['@prisma/adapter-libsql']))
    expect(Object.keys(pkg.dependencies ?? {})).not.toEqual(expect.arrayContaining(['@hono/node-server']))
    expect([...imports(bun)].filter((name) => !name.startsWith('node:') && !Object.hasOwn({ ...pkg.dependencies, ...pkg.devDependencies }, name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!))).toEqual([])
    // Only the entry point, the database adapter and the scripts differ.
    const differ = Object.keys(bun).filter((path) => !path.startsWith('.dbapp/') && bun[path] !== node[path]?.replaceAll('nodeapp', 'bunapp'))
    expect(differ.sort()).toEqual(['README.md', 'models.yaml', 'package.json', 'src/db.ts', 'src/server.ts', 'src/workers.ts', 'test/runtime.test.ts', 'vitest.config.ts'])
  })

  it('writes a Workers app: the Worker entry on D1, wrangler.jsonc, migrations for D1; the routes, views and models as on Node', async () => {
    await run().withArguments(['nodeapp']).withOptions({ yes: true, skipInstall: true })
    const node = readTree(join(result.cwd, 'nodeapp'))
    await run().withArguments(['cfapp']).withOptions({ yes: true, runtime: 'workers', skipInstall: true })
    const cf = readTree(join(result.cwd, 'cfapp'))
    expect(cf['src/server.ts']).toContain('export default createApp(createDb(env.DB))')
    expect(cf['src/db.ts']).toContain('new PrismaClient({ adapter: new PrismaD1(d1) })')
    expect(cf['prisma/schema.prisma']).toContain('runtime  = "workerd"')
    expect(cf['wrangler.jsonc']).toContain('"migrations_pattern": "prisma/migrations/*/migration.sql"')
    expect(cf['models.yaml']).toMatch(/^runtime: workers$/m)
    const pkg = JSON.parse(cf['package.json'] ?? '{}') as Record<string, Record<string, string>>
    expect(pkg.scripts).toMatchObject({ test: 'vitest run', 'db:push': 'node scripts/db-push.ts', deploy: 'wrangler d1 migrations apply DB --remote && wrangler deploy' })
    expect(pkg.scripts?.start).toMatch(/^wrangler dev dist\/server\.js --no-bundle /)
    expect(pkg.engines).toEqual({ node: '^24' })
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(expect.arrayContaining(['@prisma/adapter-d1']))
    expect(Object.keys(pkg.dependencies ?? {})).not.toEqual(expect.arrayContaining(['@hono/node-server', 'better-sqlite3', 'dotenv']))
    expect([...imports(cf)].filter((name) => !/^(node|cloudflare):/.test(name) && !Object.hasOwn({ ...pkg.dependencies, ...pkg.devDependencies }, name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!))).toEqual([])
    // The multi-process runner and the .env files are not written: Workers run no server process of their own.
    for (const path of ['src/workers.ts', '.env', '.env.example', 'test/global-setup.ts']) expect(cf[path], path).toBeUndefined()
    // The routes, views, schemas and models are the same files; the rest differs where the runtime does.
    const differ = Object.keys(cf).filter((path) => !path.startsWith('.dbapp/') && cf[path] !== node[path]?.replaceAll('nodeapp', 'cfapp'))
    expect(differ.sort()).toEqual([
      '.gitignore', 'README.md', 'models.yaml', 'package.json', 'prisma.config.ts', 'prisma/schema.prisma', 'scripts/db-push.ts',
      'src/cloudflare.d.ts', 'src/db.ts', 'src/routes/api-docs.ts', 'src/server.ts',
      'test/cloudflare.d.ts', 'test/database.ts', 'test/setup.ts', 'test/worker.ts', 'vitest.config.ts', 'wrangler.jsonc',
    ])
  })

  it('refuses a bigint default that D1 cannot store exactly, naming the model and field', async () => {
    const counter = 'models:\n  Counter:\n    fields:\n      total: bigint:default(9007199254740992)\n'
    await expect(run().withFiles({ 'models.yaml': counter }).withArguments(['refused']).withOptions({ models: 'models.yaml', runtime: 'workers', skipInstall: true })).rejects.toThrow(
      /Counter\.total: default\(9007199254740992\) is more than D1 \(Cloudflare Workers\) stores exactly\. Fix: use a default between -9007199254740991 and 9007199254740991, or the runtime node/,
    )
  })

  it('refuses a runtime it does not write for, or a database not tested on it, and writes nothing', async () => {
    const withAccounts = 'auth: true\nmodels:\n  Post:\n    fields:\n      title: string\n'
    const refused = async (options: Record<string, unknown>, message: RegExp) => {
      let target = ''
      await expect(run().onTargetDirectory((dir) => { target = dir }).withFiles({ 'models.yaml': withAccounts }).withArguments(['refused']).withOptions({ yes: true, skipInstall: true, ...options })).rejects.toThrow(message)
      expect(readTree(target)).toEqual({})
    }
    await refused({ runtime: 'workers', database: 'postgresql' }, /a Cloudflare Workers \(D1\) app on PostgreSQL is not generated: D1, Cloudflare's database, is SQLite\. Fix: use the database sqlite with workers, or the runtime node/)
    await refused({ runtime: 'workers', models: 'models.yaml' }, /accounts \(auth: true\) are not generated for Cloudflare Workers yet: scrypt at its safe settings needs the 128 MiB a Worker has in all\. Fix: use the runtime node or bun, or auth: false/)
    await refused({ runtime: 'buns' }, /the runtime "buns" is not one generator-dbapp writes for\. Fix: did you mean "bun"\?/)
    await refused({ runtime: 'bun', database: 'mysql' }, /a Bun app on MySQL \/ MariaDB is not generated: it is not tested\. Fix: use the database sqlite or postgresql with bun, or the runtime node/)
  })
})

describe('yo dbapp --models FILE', () => {

  const file = `models:
  BlogPost:
    fields:
      title: string(120):unique
      body: text
      views: int:default(0)
  Person:
    fields:
      name: string
`

  it('writes one set of routes, views, schema and tests per model, named by its plural', async () => {
    await run().withFiles({ 'models.yaml': file }).withArguments(['blog']).withOptions({ models: 'models.yaml', skipInstall: true })
    result.assertFile([
      'blog/src/routes/blog-posts.tsx',
      'blog/src/views/blog-posts/list.tsx',
      'blog/src/schemas/blog-post.ts',
      'blog/test/blog-posts.pages.test.ts', 'blog/test/blog-posts.api.test.ts',
      'blog/src/routes/people.tsx',
      'blog/src/views/people/form.tsx',
    ])
    result.assertFileContent('blog/prisma/schema.prisma', '@@map("blog_post")')
    result.assertFileContent('blog/src/paths/people.ts', "list: '/people',")
    result.assertFileContent('blog/src/paths/people.ts', "show: '/person/:id',")
    result.assertFileContent('blog/src/routes/people.tsx', 'personPages.get(personRoutes.show')
    result.assertFileContent('blog/src/schemas/blog-post.ts', "title: required(storableText.max(120))")
    result.assertFileContent('blog/models.yaml', file)
  })

  it('refuses a bad models file with every problem, and writes nothing', async () => {
    const bad = 'models:\n  User:\n    fields:\n      username: strng:uniq\n      email: string:uniqe\n'
    let target = ''
    const running = run().onTargetDirectory((dir) => { target = dir }).withFiles({ 'models.yaml': bad }).withArguments(['bad']).withOptions({ models: 'models.yaml', skipInstall: true })
    await expect(running).rejects.toThrow(/3 problems; no file was written:\n {2}- User\.username: has an unknown type "strng"\. Fix: did you mean "string"\?[^]*User\.username: has an unknown modifier "uniq"\. Fix: did you mean "unique"\?[^]*User\.email: has an unknown modifier "uniqe"\. Fix: did you mean "unique"\?/)
    // The models file lives in Yeoman's memory in this test; nothing at all reached the disk.
    expect(readTree(target)).toEqual({})
  })
})

describe('yo dbapp inside an app: its settings are kept unless the command line changes them', () => {
  const runInside = (dir: string, options: Record<string, unknown> = {}) => run().cd(dir).withOptions({ skipInstall: true, force: false, ...options })
  const postgresApp = () => writeGeneratedApp({ ...seedDefinition(), database: 'postgresql' }, 'pgapp').dir

  it('keeps PostgreSQL when --database is not given', async () => {
    const dir = postgresApp()
    await runInside(dir)
    expectDatabase(dir, 'postgresql')
  })

  it('switches to SQLite with --database sqlite, and writes it into models.yaml', async () => {
    const dir = postgresApp()
    const switched = await runInside(dir, { database: 'sqlite' })
    expectDatabase(dir, 'sqlite')
    expect(switched.generator.plans.find((plan) => plan.path === 'package.json')?.outcome).toBe('updated')
    // The next run, without --database, keeps what the last one wrote.
    await runInside(dir)
    expectDatabase(dir, 'sqlite')
  })

  it('switches a Node app to Bun with --runtime bun, and back with --runtime node, keeping the database', async () => {
    const dir = postgresApp()
    const node = readTree(dir)
    await runInside(dir, { runtime: 'bun' })
    const bun = readTree(dir)
    expect(bun['models.yaml']).toMatch(/^runtime: bun$/m)
    expect(bun['src/server.ts']).toContain('Bun.serve(')
    expect(bun['src/db.ts']).toBe(node['src/db.ts'])
    expectDatabase(dir, 'postgresql')
    await runInside(dir)
    expect(readTree(dir)['src/server.ts']).toBe(bun['src/server.ts'])
    await runInside(dir, { runtime: 'node' })
    expect(readTree(dir)['src/server.ts']).toBe(node['src/server.ts'])
  })

  it('switches a SQLite Node app to Workers and back: the files only the other runtime uses are removed, and come back', async () => {
    const dir = writeGeneratedApp(seedDefinition(), 'sqliteapp').dir
    const node = readTree(dir)
    await runInside(dir, { runtime: 'workers' })
    const workers = readTree(dir)
    expect(workers['models.yaml']).toMatch(/^runtime: workers$/m)
    expect(workers['src/server.ts']).toContain('export default createApp(createDb(env.DB))')
    expect(workers['wrangler.jsonc']).toContain('"binding": "DB"')
    for (const path of ['src/workers.ts', '.env.example', 'test/global-setup.ts']) expect(workers[path], path).toBeUndefined()
    await runInside(dir, { runtime: 'node' })
    const back = readTree(dir)
    for (const path of ['src/server.ts', 'src/workers.ts', 'src/db.ts', '.env.example', 'package.json']) expect(back[path], path).toBe(node[path])
    for (const path of ['wrangler.jsonc', 'scripts/db-push.ts', 'test/worker.ts']) expect(back[path], path).toBeUndefined()
  })

  it('keeps the app\'s database when generating from another models file that names none', async () => {
    const dir = postgresApp()
    writeFileSync(join(dir, 'other.yaml'), 'models:\n  Tag:\n    fields:\n      name: string:unique\n')
    await runInside(dir, { models: 'other.yaml' })
    expectDatabase(dir, 'postgresql')
  })
})
