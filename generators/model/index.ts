import { parseCliModel } from '../../src/parse/models-file.js'
import { regenerateApp } from '../../src/regenerate-app.js'
import { RegeneratingGenerator, type RegeneratingOptions } from '../../src/regenerating-generator.js'

export type ModelOptions = RegeneratingOptions & {
  name: string
  fields: string[]
}

/**
 * `yo dbapp:model Name field:type ...` inside an app: adds a model or replaces its definition in the models file,
 * then writes the app again, with its settings (database) as they are, merging with the user's changes.
 */
export default class ModelGenerator extends RegeneratingGenerator<ModelOptions> {
  constructor(args?: string[], options?: ModelOptions) {
    super(args, options)
    this.argument('name', { type: String, required: true, description: 'Model name, PascalCase: BlogPost' })
    this.argument('fields', { type: Array, required: true, description: 'Fields and options: title:string(200):unique body:text @index(title)' })
  }

  writing() {
    const { definition, problems } = parseCliModel(this.options.name, this.options.fields)
    const [model] = definition.models
    if (!model) throw new Error('yo dbapp:model needs a model name')
    this.result = regenerateApp(this, {
      folder: '',
      model,
      problems,
      force: Boolean(this.options.force),
      dryRun: Boolean(this.options.dryRun),
    })
  }

  protected listPath() {
    return this.result?.app.models.find((m) => m.name === this.options.name)?.paths.list
  }
}
