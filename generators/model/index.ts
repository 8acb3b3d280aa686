import Generator, { type BaseOptions } from 'yeoman-generator'
import { parseCliModel } from '../../src/parse/models-file.js'
import type { FilePlan } from '../../src/regenerate.js'
import { endReport, installDependencies, regenerateApp, type Install, type Regenerated } from '../../src/regenerate-app.js'

export type ModelOptions = BaseOptions & {
  name: string
  fields: string[]
  force?: boolean
  dryRun?: boolean
}

/**
 * `yo dbapp:model Name field:type ...` inside an app: adds a model or replaces its definition in the models file,
 * then writes the app again, with its settings (database) as they are, merging with the user's changes.
 */
export default class ModelGenerator extends Generator<Record<string, unknown>, ModelOptions> {
  result?: Regenerated
  installed: Install = 'unchanged'

  constructor(args?: string[], options?: ModelOptions) {
    super(args, options)
    this.argument('name', { type: String, required: true, description: 'Model name, PascalCase: BlogPost' })
    this.argument('fields', { type: Array, required: true, description: 'Fields and options: title:string(200):unique body:text @index(title)' })
    this.option('dry-run', { type: Boolean, description: 'Print what would change, as unified diffs; write nothing' })
    this.option('force', { type: Boolean, description: 'Replace the files you changed with the new output instead of merging' })
    // This generator installs the dependencies itself, when package.json changed (see installDependencies).
    this.setFeatures({ customInstallTask: true })
  }

  /** The files planned by the run (for tests). */
  get plans(): FilePlan[] {
    return this.result?.plans ?? []
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

  async install() {
    this.installed = await installDependencies(this, this.plans, { skip: Boolean(this.options.skipInstall), dryRun: Boolean(this.options.dryRun) })
  }

  end() {
    const listPath = this.result?.app.models.find((m) => m.name === this.options.name)?.paths.list
    this.log(endReport(this.plans, { dryRun: Boolean(this.options.dryRun), listPath, install: this.installed, runtime: this.result?.app.runtime }))
    // A failed install is reported, and its step stays in the next steps; the exit code tells a script too.
    if (this.installed === 'failed') process.exitCode = 1
  }
}
