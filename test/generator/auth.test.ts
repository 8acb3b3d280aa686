import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import helpers, { result } from 'yeoman-test'
import AppGenerator from '../../generators/app/index.js'
import AuthGenerator from '../../generators/auth/index.js'
import ModelGenerator from '../../generators/model/index.js'
import { seedDefinition } from '../../src/definitions.js'
import { databaseNames } from '../../src/model/databases.js'
import { summary } from '../../src/regenerate.js'
import { readTree } from '../support/files.js'
import { writeGeneratedApp } from '../support/seed-app.js'

const fixture = fileURLToPath(new URL('../fixtures/accounts.yaml', import.meta.url))
const resolved = (name: string) => fileURLToPath(new URL(`../../generators/${name}/index.ts`, import.meta.url))

const runApp = () => helpers.run<AppGenerator>(AppGenerator, { namespace: 'dbapp:app', resolved: resolved('app') })
// yeoman-test runs with --force unless told otherwise: these runs merge, as a user's do.
const runAuth = (dir: string) => helpers.run<AuthGenerator>(AuthGenerator, { namespace: 'dbapp:auth', resolved: resolved('auth') }).cd(dir).withOptions({ force: false, skipInstall: true })

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8')
const authFiles = ['src/auth/accounts.ts', 'src/auth/passwords.ts', 'src/auth/paths.ts', 'src/auth/rate-limit.ts', 'src/auth/schemas.ts', 'src/auth/sessions.ts', 'src/auth/token-schemas.ts', 'src/auth/tokens.ts']

describe('yo dbapp --models with auth: true', () => {
  it('writes the whole app with accounts, as in the snapshot', async () => {
    await runApp().withArguments(['notes']).withOptions({ models: fixture, skipInstall: true })
    expect(readTree(join(result.cwd, 'notes'), (path) => path.startsWith('prisma/schema-engine/') || path.startsWith('.dbapp/'))).toMatchSnapshot()
  })

  it.each(databaseNames)('writes the accounts, their sessions, API tokens, failed sign-ins and password resets into the Prisma schema (%s)', async (database) => {
    await runApp().withArguments(['notes']).withOptions({ models: fixture, database, skipInstall: true })
    const schema = read(join(result.cwd, 'notes'), 'prisma/schema.prisma')
    expect(schema).toContain(`provider = "${database}"`)
    expect(schema).toMatch(/model Account \{\n {2}id +Int +@id @default\(autoincrement\(\)\)\n {2}email +String +@unique\n {2}passwordHash +String\n {2}admin +Boolean +@default\(false\)\n/)
    // An owned model refers to its account, and its sort index leads with the owner.
    expect(schema).toMatch(/model Task \{[^}]*\n {2}ownerId +Int\n {2}owner +Account +@relation\(fields: \[ownerId\], references: \[id\], onDelete: Cascade\)\n[^}]*@@index\(\[ownerId, id\]\)/)
    expect(schema).toMatch(/model Account \{[^}]*\n {2}ownedProjects +Project\[\]\n {2}ownedTasks +Task\[\]\n/)
    expect(schema).toMatch(/model AccountSession \{\n {2}id +String +@id\n[^}]*onDelete: Cascade\)[^}]*@@map\("account_session"\)\n\}/)
    expect(schema).toMatch(/model ApiToken \{\n {2}id +String +@id\n {2}name +String\n[^}]*onDelete: Cascade\)\n[^}]*lastUsedAt +DateTime\?\n[^}]*@@map\("api_token"\)\n\}/)
    expect(schema).toMatch(/model SignInFailure \{[^}]*@@index\(\[key, at\]\)\n {2}@@map\("sign_in_failure"\)\n\}/)
    expect(schema).toMatch(/model PasswordReset \{\n {2}id +String +@id\n[^}]*onDelete: Cascade\)[^}]*expiresAt DateTime\n {2}usedAt +DateTime\?\n[^}]*@@map\("password_reset"\)\n\}/)
  })

  it('guards the writes of a signed-in model, pages and API, and leaves a public one open', async () => {
    await runApp().withArguments(['notes']).withOptions({ models: fixture, skipInstall: true })
    const app = join(result.cwd, 'notes')
    expect(read(app, 'src/routes/notes.tsx').match(/requireSignIn, /g)).toHaveLength(6)
    expect(read(app, 'src/api/notes.ts').match(/^ {4}requireAccount,$/gm)).toHaveLength(3)
    expect(read(app, 'src/routes/comments.tsx')).not.toContain('requireSignIn')
    expect(read(app, 'src/api/comments.ts')).not.toContain('requireAccount')
    result.assertFile(['test/notes.access.test.ts', 'test/auth.test.ts', 'test/accounts.ts'].map((path) => `notes/${path}`))
    result.assertNoFile('notes/test/comments.access.test.ts')
    // An owned model guards every page and every API route, and hands the account to its module.
    expect(read(app, 'src/routes/projects.tsx').match(/requireSignIn, /g)).toHaveLength(8)
    expect(read(app, 'src/api/projects.ts').match(/^ {4}requireAccount,$/gm)).toHaveLength(5)
    expect(read(app, 'src/routes/projects.tsx').match(/\(c\.var\.db, c\.var\.account, /g)).toHaveLength(7)
    expect(read(app, 'src/models/tasks.ts')).toContain("await requireOwned('projectId', [input.projectId], (ids) => db.project.count({ where: { id: { in: ids }, ...ownedBy(account) } }))")
    result.assertFileContent('notes/models.yaml', /^auth: true$/m)
  })
})

describe('an app without accounts', () => {
  it('has no account code, no account tables and no access checks', async () => {
    await runApp().withArguments(['myapp']).withOptions({ yes: true, skipInstall: true })
    result.assertNoFile(authFiles.map((path) => `myapp/${path}`))
    result.assertNoFileContent('myapp/prisma/schema.prisma', 'Account')
    result.assertNoFileContent('myapp/src/routes/users.tsx', 'requireSignIn')
    result.assertFileContent('myapp/models.yaml', /^auth: false$/m)
  })
})

describe('yo dbapp:auth inside an app', () => {
  it("turns accounts on, keeping the user's own changes, and the seed's User stays a model of the app's data", async () => {
    const { dir } = writeGeneratedApp(seedDefinition())
    const mine = "\n// Mine: how many users there are.\nuserPages.get('/users/count', async (c) => c.text(String(await c.var.db.user.count())))\n"
    writeFileSync(join(dir, 'src/routes/users.tsx'), read(dir, 'src/routes/users.tsx') + mine)
    const run = await runAuth(dir)
    expect(read(dir, 'models.yaml')).toMatch(/^auth: true$/m)
    for (const path of authFiles) expect(read(dir, path).length, path).toBeGreaterThan(0)
    const routes = read(dir, 'src/routes/users.tsx')
    expect(routes).toContain(mine)
    expect(routes).toContain('userPages.post(userRoutes.create, requireSignIn, (c)')
    expect(run.generator.plans.find((plan) => plan.path === 'src/routes/users.tsx')?.outcome).toBe('merged')
    expect(summary(run.generator.plans)).not.toContain('CONFLICTS')
    const schema = read(dir, 'prisma/schema.prisma')
    expect(schema).toContain('model User {')
    expect(schema).toContain('model Account {')
  })

  it('keeps accounts on when a model is added later, and @access(public) opens a model to everyone', async () => {
    const { dir } = writeGeneratedApp(seedDefinition(), 'myapp', 'node', 'true')
    await helpers
      .run<ModelGenerator>(ModelGenerator, { namespace: 'dbapp:model', resolved: resolved('model') })
      .cd(dir)
      .withArguments(['Guestbook', 'message:string', '@access(public)'])
      .withOptions({ force: false, skipInstall: true })
    expect(read(dir, 'models.yaml')).toMatch(/^auth: true$/m)
    expect(read(dir, 'models.yaml')).toMatch(/ {2}Guestbook:\n {4}fields:\n {6}message: string\n {4}access: public\n/)
    expect(read(dir, 'src/routes/guestbooks.tsx')).not.toContain('requireSignIn')
    expect(read(dir, 'src/routes/users.tsx')).toContain('requireSignIn')
  })

  it('adds an owned model with @access(owner): scoped module, guarded routes, the owner in the schema and an access matrix', async () => {
    const { dir } = writeGeneratedApp(seedDefinition(), 'myapp', 'node', 'true')
    await helpers
      .run<ModelGenerator>(ModelGenerator, { namespace: 'dbapp:model', resolved: resolved('model') })
      .cd(dir)
      .withArguments(['Diary', 'entry:text', '@access(owner)'])
      .withOptions({ force: false, skipInstall: true })
    expect(read(dir, 'models.yaml')).toMatch(/ {2}Diary:\n {4}fields:\n {6}entry: text\n {4}access: owner\n/)
    expect(read(dir, 'src/models/diaries.ts')).toContain('export async function listDiaries(db: PrismaClient, account: SignedIn, ')
    expect(read(dir, 'src/models/diaries.ts')).toContain("data: { ...input, ownerId: account.id }")
    expect(read(dir, 'src/routes/diaries.tsx').match(/requireSignIn, /g)).toHaveLength(8)
    expect(read(dir, 'prisma/schema.prisma')).toMatch(/ownedDiaries +Diary\[\]/)
    expect(read(dir, 'test/diaries.access.test.ts')).toContain("answers another account's every request for the diary with 404")
    // The seed's User stays signed-in: everyone reads it.
    expect(read(dir, 'src/routes/users.tsx')).toContain('userPages.get(userRoutes.show, async (c)')
  })
})

describe('password reset by mail', () => {
  const resetFiles = ['src/auth/password-resets.ts', 'src/auth/reset-paths.ts', 'src/lib/mail.ts', 'src/routes/password-reset.tsx', 'test/password-reset.test.ts', 'test/inbox.ts']

  it('comes with accounts: its pages, nodemailer, a real SMTP server for the tests, and APP_URL for the links', async () => {
    await runApp().withArguments(['notes']).withOptions({ models: fixture, skipInstall: true })
    const app = join(result.cwd, 'notes')
    for (const path of resetFiles) expect(read(app, path).length, path).toBeGreaterThan(0)
    const pkg = JSON.parse(read(app, 'package.json')) as Record<string, Record<string, string>>
    expect(Object.keys(pkg.dependencies!)).toContain('nodemailer')
    expect(Object.keys(pkg.devDependencies!)).toEqual(expect.arrayContaining(['smtp-server', '@types/smtp-server', '@types/nodemailer']))
    for (const env of ['.env', '.env.example']) expect(read(app, env)).toMatch(/^APP_URL=http:\/\/localhost:3000$/m)
  })

  it('is not in an app without accounts', async () => {
    await runApp().withArguments(['myapp']).withOptions({ yes: true, skipInstall: true })
    result.assertNoFile(resetFiles.map((path) => `myapp/${path}`))
    result.assertNoFileContent('myapp/package.json', /nodemailer|smtp-server/)
    result.assertNoFileContent('myapp/.env.example', 'APP_URL')
  })
})
