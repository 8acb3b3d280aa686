import { describe, expect, it } from 'vitest'
import type Generator from 'yeoman-generator'
import { installDependencies, nextSteps } from '../../src/regenerate-app.js'
import type { FilePlan } from '../../src/regenerate.js'
import { readSettings, resolveSettings } from '../../src/settings.js'
import { withSettings } from '../../src/writers/models-file.js'

describe('app settings', () => {
  const file = '# mine\nmodels:\n  User:\n    fields:\n      name: string\ndatabase: postgresql # the server\n'

  it('reads the settings a models file names, and none from a file that is not YAML', () => {
    expect(readSettings(file)).toEqual({ database: 'postgresql' })
    expect(readSettings('models: {}\n')).toEqual({})
    expect(readSettings('models: [\n')).toEqual({})
  })

  it('takes each setting from the first layer that names it, else the default', () => {
    expect(resolveSettings({ database: 'mysql' }, { database: 'postgresql' })).toEqual({ database: 'mysql', runtime: 'node', auth: 'false' })
    expect(resolveSettings({}, { database: 'postgresql', runtime: 'bun' })).toEqual({ database: 'postgresql', runtime: 'bun', auth: 'false' })
    expect(resolveSettings({ database: undefined, runtime: 'bun' }, {}, { database: 'mysql', runtime: 'node', auth: 'true' })).toEqual({ database: 'mysql', runtime: 'bun', auth: 'true' })
    expect(resolveSettings({}, {})).toEqual({ database: 'sqlite', runtime: 'node', auth: 'false' })
  })

  it('writes the settings into the models file, keeping its comments, and leaves a file that has them alone', () => {
    const withRuntime = `${file}runtime: node\nauth: false\n`
    expect(withSettings(file, { database: 'postgresql', runtime: 'node', auth: 'false' })).toBe(withRuntime)
    expect(withSettings(withRuntime, { database: 'postgresql', runtime: 'node', auth: 'false' })).toBe(withRuntime)
    expect(withSettings(withRuntime, { database: 'sqlite', runtime: 'bun', auth: 'true' })).toBe(
      withRuntime.replace('database: postgresql', 'database: sqlite').replace('runtime: node', 'runtime: bun').replace('auth: false', 'auth: true'),
    )
    expect(withSettings('models: {}\n', { database: 'mysql', runtime: 'node', auth: 'false' })).toBe('models: {}\ndatabase: mysql\nruntime: node\nauth: false\n')
  })
})

describe('installing the dependencies', () => {
  /** A stand-in for the generator: records the commands it is asked to run, and fails them when told to. */
  function fakeGenerator(fail = false) {
    const commands: string[] = []
    const generator = {
      destinationRoot: () => '/apps/blog',
      log: () => undefined,
      spawn: async (command: string, args: string[], options: { cwd: string }) => {
        commands.push(`${options.cwd}: ${command} ${args.join(' ')}`)
        if (fail) throw new Error('Command failed with exit code 1: npm install')
      },
    }
    return { generator: generator as unknown as Generator, commands }
  }
  const packageJson = (outcome: FilePlan['outcome'], contents?: string): FilePlan[] => [{ path: 'package.json', outcome, contents }]

  it('runs npm install in the app folder when package.json was written', async () => {
    const { generator, commands } = fakeGenerator()
    expect(await installDependencies(generator, packageJson('created', '{}'))).toBe('installed')
    expect(await installDependencies(generator, packageJson('merged', '{}'))).toBe('installed')
    expect(commands).toEqual(['/apps/blog: npm install', '/apps/blog: npm install'])
  })

  it('runs nothing when package.json did not change, on a dry run, or with --skip-install', async () => {
    const { generator, commands } = fakeGenerator()
    expect(await installDependencies(generator, packageJson('unchanged'))).toBe('unchanged')
    expect(await installDependencies(generator, [])).toBe('unchanged')
    expect(await installDependencies(generator, packageJson('created', '{}'), { dryRun: true })).toBe('unchanged')
    expect(await installDependencies(generator, packageJson('created', '{}'), { skip: true })).toBe('skipped')
    expect(await installDependencies(generator, packageJson('conflict', '<<<<<<< yours'))).toBe('skipped')
    expect(commands).toEqual([])
  })

  it('reports a failed install instead of failing the run', async () => {
    const { generator } = fakeGenerator(true)
    expect(await installDependencies(generator, packageJson('created', '{}'))).toBe('failed')
  })
})

describe('next steps', () => {
  const steps = (text: string) => text.split('\n').filter((line) => line.startsWith('  ')).map((line) => line.trim())

  it('are the commands that remain, in order, then the page to open', () => {
    expect(steps(nextSteps('blog', '/users', 'installed'))).toEqual(['cd blog', 'npm run db:push', 'npm run dev'])
    expect(steps(nextSteps('blog', '/users', 'skipped'))).toEqual(['cd blog', 'npm install', 'npm run db:push', 'npm run dev'])
    expect(steps(nextSteps('blog', '/users', 'failed'))).toEqual(['cd blog', 'npm install', 'npm run db:push', 'npm run dev'])
    expect(steps(nextSteps('', '/posts', 'unchanged'))).toEqual(['npm run db:push', 'npm run dev'])
    expect(steps(nextSteps('', '/posts', 'unchanged', 'bun'))).toEqual(['npm run db:push', 'bun run dev'])
    expect(nextSteps('', '/posts', 'unchanged')).toContain('then open http://localhost:3000/posts\n')
  })

  it('say when the Node that runs yo is too old for wrangler, in a Workers app only', () => {
    const tooOld = Number(process.versions.node.split('.')[0]) < 22
    expect(nextSteps('', '/posts', 'unchanged', 'workers').includes('wrangler needs Node.js 22 or later')).toBe(tooOld)
    expect(nextSteps('', '/posts', 'unchanged', 'node')).not.toContain('wrangler')
  })
})
