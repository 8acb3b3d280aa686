import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Generator, { type BaseOptions } from 'yeoman-generator'
import { seedDefinition, seedModel } from '../../src/definitions.js'
import { databaseNames, databases } from '../../src/model/databases.js'
import { describeApp } from '../../src/model/describe.js'
import type { AppDescription } from '../../src/model/description.js'
import type { Problem } from '../../src/model/problems.js'
import type { AppDefinition, ModelDefinition } from '../../src/parse/definitions.js'
import { parseModelsFile } from '../../src/parse/models-file.js'
import { checkModelFields, checkModelName, readModelAnswer, requireTerminal } from '../../src/prompts.js'
import { summary, type FilePlan } from '../../src/regenerate.js'
import { modelsFileText, withDatabase } from '../../src/writers/models-file.js'
import { nextSteps, writeApp } from '../../src/write-app.js'

export type AppOptions = BaseOptions & {
  name?: string
  models?: string
  database?: string
  yes?: boolean
  force?: boolean
  dryRun?: boolean
}

const modelsPath = 'models.yaml'

/** `yo dbapp [name] [--models FILE] [--yes]`: a new app from model definitions, or, inside an app, the app again. */
export default class AppGenerator extends Generator<Record<string, unknown>, AppOptions> {
  app!: AppDescription
  modelsFile!: string
  /** The app's folder, relative to where yo runs ('' when it runs inside the app). */
  folder = ''
  plans: FilePlan[] = []

  constructor(args?: string[], options?: AppOptions) {
    super(args, options)
    this.argument('name', { type: String, required: false, description: 'Folder and package name of the new app' })
    this.option('models', { type: String, description: 'Models file (YAML) to generate from; see README' })
    this.option('database', { type: String, description: `Database: ${databaseNames.join(', ')} (default sqlite)` })
    this.option('yes', { type: Boolean, description: "Accept every default: the seed's User model on SQLite" })
    this.option('dry-run', { type: Boolean, description: 'Print what would change, as unified diffs; write nothing' })
    this.option('force', { type: Boolean, description: 'Replace the files you changed with the new output instead of merging' })
  }

  async prompting() {
    const inside = !this.options.name && existsSync(this.destinationPath(modelsPath)) && existsSync(this.destinationPath('package.json'))
    const name = inside ? this.#packageName() : (this.options.name ?? (await this.#askName()))
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(name)) {
      throw new Error(`"${name}" is not a usable app name. Fix: use lower-case letters, digits, - and _, e.g. myapp`)
    }
    this.folder = inside ? '' : name
    const { definition, problems, text } = await this.#readDefinitions(join(this.destinationRoot(), this.folder))
    const database = this.options.database ?? definition.database ?? (await this.#askDatabase())
    this.app = describeApp(name, definition, problems, database)
    this.modelsFile = withDatabase(text ?? modelsFileText(definition), this.app.database)
  }

  configuring() {
    this.destinationRoot(resolve(this.destinationRoot(), this.folder))
  }

  writing() {
    this.plans = writeApp(this, this.app, this.modelsFile, { force: Boolean(this.options.force), dryRun: Boolean(this.options.dryRun), fromDisk: [modelsPath] })
  }

  end() {
    const report = summary(this.plans)
    if (report) this.log(`\n${report}`)
    if (this.options.dryRun) return this.log('\nDry run: nothing was written.')
    const firstList = this.app.models[0]?.paths.list ?? '/'
    this.log(nextSteps(this.folder || undefined, firstList, !this.options.skipInstall))
  }

  #packageName(): string {
    const pkg = JSON.parse(readFileSync(this.destinationPath('package.json'), 'utf8')) as { name?: string }
    return pkg.name ?? 'app'
  }

  /** The database, asked for on a terminal unless --yes; SQLite otherwise. */
  async #askDatabase(): Promise<string> {
    if (this.options.yes || !process.stdin.isTTY) return 'sqlite'
    const { database } = await this.prompt<{ database: string }>({
      type: 'select',
      name: 'database',
      message: 'Database',
      choices: databaseNames.map((name) => ({ name: databases[name].label, value: name })),
      default: 'sqlite',
    })
    return database
  }

  async #askName(): Promise<string> {
    if (this.options.yes) return 'myapp'
    requireTerminal('The app name', 'it as the first argument: yo dbapp myapp')
    const { name } = await this.prompt<{ name: string }>({ type: 'input', name: 'name', message: 'App name', default: 'myapp' })
    return name
  }

  /** The definitions: from --models, from the app's own models file on a re-run, from --yes, or asked for. */
  async #readDefinitions(appDir: string): Promise<{ definition: AppDefinition; problems: Problem[]; text?: string }> {
    const file = this.options.models ? resolve(this.env.cwd, this.options.models) : join(appDir, modelsPath)
    if (this.options.models || existsSync(file)) {
      const text = this.fs.read(file, { defaults: null })
      if (text === null) throw new Error(`Cannot read the models file ${file}. Fix: pass the path of an existing file to --models`)
      return { ...parseModelsFile(text, this.options.models ?? modelsPath), text }
    }
    if (this.options.yes) return { definition: seedDefinition(), problems: [] }
    requireTerminal('Model definitions', '--models FILE (see README), or --yes for the seed User model')
    return { definition: await this.#askModels(), problems: [] }
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
