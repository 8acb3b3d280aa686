import { execSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scratchDir } from '../support/paths.js'
import { freePort } from '../support/server.js'
import { runInTerminal, terminalAvailable, type TerminalRun } from '../support/terminal.js'
import { printedNextSteps, yoEnvironment } from '../support/yo.js'

const available = terminalAvailable()

/**
 * A person at a terminal: the real `yo dbapp blog`, the prompts answered with their defaults (the User model,
 * no other model, SQLite), and no --skip-install, so yo installs the app's dependencies itself (a real
 * `npm install`, which compiles better-sqlite3: minutes). Then the next steps, run exactly as printed.
 */
describe.skipIf(!available)('yo dbapp at a terminal, without --skip-install', () => {
  const workDir = scratchDir('e2e-terminal')
  const appDir = join(workDir, 'blog')
  let yo: TerminalRun
  let server: ChildProcess | undefined

  beforeAll(async () => {
    const { yo: bin, env } = yoEnvironment(workDir)
    yo = await runInTerminal([bin, 'dbapp', 'blog'], {
      cwd: workDir,
      env,
      answers: [
        { prompt: 'Model name (PascalCase)', keys: '\r' },
        { prompt: 'Fields of User', keys: '\r' },
        { prompt: 'Another model (leave empty to finish)', keys: '\r' },
        { prompt: 'Database', keys: '\r' },
        { prompt: 'Runtime', keys: '\r' },
      ],
      timeoutMs: 840_000,
    })
  }, 900_000)

  afterAll(() => {
    if (server?.pid && server.exitCode === null) process.kill(-server.pid, 'SIGTERM')
  })

  it("installed the app's dependencies in its folder", () => {
    expect(yo.status, yo.output).toBe(0)
    expect(yo.output).not.toContain('No change to package.json was detected')
    expect(existsSync(join(appDir, 'node_modules', '.bin', 'prisma')), yo.output).toBe(true)
    expect(existsSync(join(appDir, 'node_modules', 'hono', 'package.json'))).toBe(true)
    expect(existsSync(join(appDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true)
  })

  it('printed only the steps that remain', () => {
    expect(printedNextSteps(yo.output)).toEqual({ steps: ['cd blog', 'npm run db:push', 'npm run dev'], url: 'http://localhost:3000/users' })
  })

  it('serves the users list after the printed steps, run as printed', async () => {
    const { steps, url } = printedNextSteps(yo.output)
    const port = await freePort()
    let cwd = workDir
    for (const step of steps) {
      if (step.startsWith('cd ')) cwd = join(cwd, step.slice('cd '.length))
      else if (step === 'npm run dev') server = spawn('sh', ['-c', step], { cwd, env: { ...process.env, PORT: String(port) }, detached: true, stdio: 'ignore' })
      else execSync(step, { cwd, stdio: 'pipe' })
    }
    const page = Object.assign(new URL(url ?? ''), { port: String(port) }).toString()
    const answer = await firstAnswer(page, 60_000)
    expect(answer.status).toBe(200)
    expect(await answer.text()).toContain('<title>Users</title>')
  }, 180_000)
})

/** The first answer from `url`, retried while the server is starting. */
async function firstAnswer(url: string, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await fetch(url)
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}
