import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import Generator, { type BaseOptions } from 'yeoman-generator'
import { seedDefinition, seedModel } from '../../src/definitions.js'
import { databaseNames, databases } from '../../src/model/databases.js'
import { runtimeNames, runtimes } from '../../src/model/runtimes.js'
import type { AppDefinition, ModelDefinition } from '../../src/parse/definitions.js'
import { checkModelFields, checkModelName, readModelAnswer, requireTerminal } from '../../src/prompts.js'
import type { FilePlan } from '../../src/regenerate.js'
import { endReport, installDependencies, modelsPath, regenerateApp, type Install, type Regenerated, type Regeneration } from '../../src/regenerate-app.js'
import { readSettings, type AppSettings } from '../../src/settings.js'
import { modelsFileText } from '../../src/writers/models-file.js'

export type AppOptions = BaseOptions & {
  name?: string
  models?: string
  database?: string
  runtime?: string
  yes?: boolean
  force?: boolean
  dryRun?: boolean
}

/** `yo dbapp [name] [--models FILE] [--yes]`: a new app from model definitions, or, inside an app, the app again. */
export default class AppGenerator extends Generator<Record<string, unknown>, AppOptions> {
  /** What to generate, gathered from the options and the prompts. */
  request!: Regeneration
  result?: Regenerated
  installed: Install = 'unchanged'

  constructor(args?: string[], options?: AppOptions) {
    super(args, options)
    this.argument('name', { type: String, required: false, description: 'Folder and package name of the new app' })
    this.option('models', { type: String, description: 'Models file (YAML) to generate from; see README' })
    this.option('database', { type: String, description: `Database: ${databaseNames.join(', ')} (default sqlite; inside an app, the one in its models.yaml)` })
    this.option('runtime', { type: String, description: `Runtime: ${runtimeNames.join(', ')} (default node; inside an app, the one in its models.yaml)` })
    this.option('yes', { type: Boolean, description: "Accept every default: the seed's User model on SQLite" })
    this.option('dry-run', { type: Boolean, description: 'Print what would change, as unified diffs; write nothing' })
    this.option('force', { type: Boolean, description: 'Replace the files you changed with the new output instead of merging' })
    // This generator installs the dependencies itself, in the app's folder (see installDependencies).
    this.setFeatures({ customInstallTask: true })
  }

  /** The files planned by the last run (for tests). */
  get plans(): FilePlan[] {
    return this.result?.plans ?? []
  }

  async prompting() {
    const inside = !this.options.name && existsSync(this.destinationPath(modelsPath)) && existsSync(this.destinationPath('package.json'))
    const name = inside ? undefined : (this.options.name ?? (await this.#askName()))
    if (name !== undefined && !/^[a-z0-9][a-z0-9._-]*$/.test(name)) {
      throw new Error(`"${name}" is not a usable app name. Fix: use lower-case letters, digits, - and _, e.g. myapp`)
    }
    const folder = name ?? ''
    const existing = existsSync(this.destinationPath(folder, modelsPath))
    const source = await this.#readSource(existing)
    // An app that exists keeps its settings unless the command line changes them.
    const named = source ? readSettings(source.text) : {}
    const database = this.options.database ?? (existing || named.database ? undefined : await this.#askDatabase())
    const runtime = this.options.runtime ?? (existing || named.runtime ? undefined : await this.#askRuntime())
    const overrides: Partial<AppSettings> = { database, runtime }
    this.request = { folder, name, source, overrides, force: Boolean(this.options.force), dryRun: Boolean(this.options.dryRun) }
  }

  writing() {
    this.result = regenerateApp(this, this.request)
  }

  async install() {
    this.installed = await installDependencies(this, this.plans, { skip: Boolean(this.options.skipInstall), dryRun: this.request.dryRun })
  }

  end() {
    const listPath = this.result?.app.models[0]?.paths.list
    this.log(endReport(this.plans, { dryRun: this.request.dryRun, folder: this.request.folder, listPath, install: this.installed, runtime: this.result?.app.runtime }))
    // A failed install is reported, and its step stays in the next steps; the exit code tells a script too.
    if (this.installed === 'failed') process.exitCode = 1
  }

  /** The database of a new app, asked for on a terminal unless --database or --yes (undefined: the default). */
  async #askDatabase(): Promise<string | undefined> {
    if (this.options.database || this.options.yes || !process.stdin.isTTY) return undefined
    const { database } = await this.prompt<{ database: string }>({
      type: 'select',
      name: 'database',
      message: 'Database',
      choices: databaseNames.map((name) => ({ name: databases[name].label, value: name })),
      default: 'sqlite',
    })
    return database
  }

  /** The runtime of a new app, asked for on a terminal unless --runtime or --yes (undefined: the default). */
  async #askRuntime(): Promise<string | undefined> {
    if (this.options.runtime || this.options.yes || !process.stdin.isTTY) return undefined
    const { runtime } = await this.prompt<{ runtime: string }>({
      type: 'select',
      name: 'runtime',
      message: 'Runtime',
      choices: runtimeNames.map((name) => ({ name: runtimes[name].label, value: name })),
      default: 'node',
    })
    return runtime
  }

  async #askName(): Promise<string> {
    if (this.options.yes) return 'myapp'
    requireTerminal('The app name', 'it as the first argument: yo dbapp myapp')
    const { name } = await this.prompt<{ name: string }>({ type: 'input', name: 'name', message: 'App name', default: 'myapp' })
    return name
  }

  /**
   * The models file to generate from: the --models file; else none for an app that has its own models.yaml;
   * else, for a new app, the seed's with --yes or the models asked for at the prompts.
   */
  async #readSource(existing: boolean): Promise<Regeneration['source']> {
    if (this.options.models) {
      const file = resolve(this.env.cwd, this.options.models)
      const text = this.fs.read(file, { defaults: null })
      if (text === null) throw new Error(`Cannot read the models file ${file}. Fix: pass the path of an existing file to --models`)
      return { text, fileName: this.options.models }
    }
    if (existing) return undefined
    if (!this.options.yes) requireTerminal('Model definitions', '--models FILE (see README), or --yes for the seed User model')
    const definition = this.options.yes ? seedDefinition() : await this.#askModels()
    return { text: modelsFileText(definition), fileName: modelsPath }
  }

  /** Asks for models until an empty name; each answer is checked as it is typed. */
  async #askModels(): Promise<AppDefinition> {
    const models: ModelDefinition[] = []
    for (let i = 0; ; i++) {
      const first = i === 0
      const answers = await this.prompt<Record<string, string | undefined>>({
        type: 'input',
        name: `model${i}`,
        message: first ? 'Model name (PascalCase)' : 'Another model (leave empty to finish)',
        default: first ? seedModel.name : '',
        validate: (answer: string) => checkModelName(models, answer.trim()),
      })
      const name = (answers[`model${i}`] ?? '').trim()
      if (name === '') return { models }
      const fieldAnswers = await this.prompt<Record<string, string | undefined>>({
        type: 'input',
        name: `fields${i}`,
        message: `Fields of ${name} (name:type[?][:modifier] ..., @unique(a,b), @display(f); e.g. ${seedModel.fields.join(' ')})`,
        default: name === seedModel.name ? seedModel.fields.join(' ') : undefined,
        validate: (answer: string) => checkModelFields(models, name, answer),
      })
      models.push(...readModelAnswer(name, fieldAnswers[`fields${i}`] ?? '').definition.models)
    }
  }
}
