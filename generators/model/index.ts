import Generator, { type BaseOptions } from 'yeoman-generator'
import { describeApp } from '../../src/model/describe.js'
import type { AppDescription } from '../../src/model/description.js'
import { parseCliModel, parseModelsFile } from '../../src/parse/models-file.js'
import { summary, type FilePlan } from '../../src/regenerate.js'
import { upsertModel } from '../../src/writers/models-file.js'
import { nextSteps, writeApp } from '../../src/write-app.js'

const modelsPath = 'models.yaml'

export type ModelOptions = BaseOptions & {
  name: string
  fields: string[]
  force?: boolean
  dryRun?: boolean
}

/**
 * `yo dbapp:model Name field:type ...` inside an app: adds a model or replaces its definition in the models file,
 * then writes the app again, merging with the user's changes.
 */
export default class ModelGenerator extends Generator<Record<string, unknown>, ModelOptions> {
  app!: AppDescription
  modelsFile!: string
  plans: FilePlan[] = []

  constructor(args?: string[], options?: ModelOptions) {
    super(args, options)
    this.argument('name', { type: String, required: true, description: 'Model name, PascalCase: BlogPost' })
    this.argument('fields', { type: Array, required: true, description: 'Fields and options: title:string(200):unique body:text @index(title)' })
    this.option('dry-run', { type: Boolean, description: 'Print what would change, as unified diffs; write nothing' })
    this.option('force', { type: Boolean, description: 'Replace the files you changed with the new output instead of merging' })
  }

  prompting() {
    const current = this.fs.read(this.destinationPath(modelsPath), { defaults: null })
    if (current === null) {
      throw new Error(`There is no ${modelsPath} in ${this.destinationRoot()}. Fix: run yo dbapp:model inside an app made by yo dbapp`)
    }
    const existing = parseModelsFile(current, modelsPath)
    const added = parseCliModel(this.options.name, this.options.fields)
    const [model] = added.definition.models
    if (!model) throw new Error('yo dbapp:model needs a model name')
    const known = existing.definition.models.some((m) => m.name === model.name)
    const models = known ? existing.definition.models.map((m) => (m.name === model.name ? model : m)) : [...existing.definition.models, model]
    const pkg = this.fs.readJSON(this.destinationPath('package.json')) as { name?: string } | undefined
    this.app = describeApp(pkg?.name ?? 'app', { models }, [...existing.problems, ...added.problems])
    this.modelsFile = upsertModel(current, model)
  }

  writing() {
    this.plans = writeApp(this, this.app, this.modelsFile, { force: Boolean(this.options.force), dryRun: Boolean(this.options.dryRun), fromDisk: [modelsPath] })
  }

  end() {
    const report = summary(this.plans)
    if (report) this.log(`\n${report}`)
    if (this.options.dryRun) return this.log('\nDry run: nothing was written.')
    const model = this.app.models.find((m) => m.name === this.options.name)
    this.log(nextSteps(undefined, model?.paths.list ?? '/', true))
  }
}
