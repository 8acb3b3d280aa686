import Generator, { type BaseOptions } from 'yeoman-generator'
import { describeApp } from '../../src/model/describe.js'
import type { AppDescription } from '../../src/model/description.js'
import { parseCliModel, parseModelsFile } from '../../src/parse/models-file.js'
import { upsertModel } from '../../src/writers/models-file.js'
import { nextSteps, writeApp } from '../../src/write-app.js'

const modelsPath = 'models.yaml'

export type ModelOptions = BaseOptions & {
  name: string
  fields: string[]
}

/** `yo dbapp:model Name field:type ...` inside an app: adds a model or replaces its fields, then rewrites the app. */
export default class ModelGenerator extends Generator<Record<string, unknown>, ModelOptions> {
  app!: AppDescription
  modelsFile!: string

  constructor(args?: string[], options?: ModelOptions) {
    super(args, options)
    this.argument('name', { type: String, required: true, description: 'Model name, PascalCase: BlogPost' })
    this.argument('fields', { type: Array, required: true, description: 'Fields: username:string:unique email:string?' })
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
    writeApp(this, this.app, this.modelsFile)
  }

  end() {
    const model = this.app.models.find((m) => m.name === this.options.name)
    this.log(nextSteps(undefined, model?.paths.list ?? '/', true))
  }
}
