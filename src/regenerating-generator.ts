import Generator, { type BaseOptions } from 'yeoman-generator'
import type { FilePlan } from './regenerate.js'
import { endReport, installDependencies, type Install, type Regenerated } from './regenerate-app.js'

export type RegeneratingOptions = BaseOptions & {
  force?: boolean
  dryRun?: boolean
}

/**
 * What the generators that run inside an app share (`yo dbapp:model`, `yo dbapp:auth`): `--dry-run` and `--force`,
 * the install when package.json changed, and the report at the end. Each writes the app in its own `writing()`.
 */
export abstract class RegeneratingGenerator<Options extends RegeneratingOptions> extends Generator<Record<string, unknown>, Options> {
  result?: Regenerated
  installed: Install = 'unchanged'

  constructor(args?: string[], options?: Options) {
    super(args, options)
    this.option('dry-run', { type: Boolean, description: 'Print what would change, as unified diffs; write nothing' })
    this.option('force', { type: Boolean, description: 'Replace the files you changed with the new output instead of merging' })
    // These generators install the dependencies themselves, when package.json changed (see installDependencies).
    // install() and end() are defined here, on the parent class: Yeoman runs them only with inheritTasks.
    this.setFeatures({ customInstallTask: true, inheritTasks: true })
  }

  /** The files planned by the run (for tests). */
  get plans(): FilePlan[] {
    return this.result?.plans ?? []
  }

  /** The page the end report says to open. */
  protected abstract listPath(): string | undefined

  async install() {
    this.installed = await installDependencies(this, this.plans, { skip: Boolean(this.options.skipInstall), dryRun: Boolean(this.options.dryRun) })
  }

  end() {
    this.log(endReport(this.plans, { dryRun: Boolean(this.options.dryRun), listPath: this.listPath(), install: this.installed, runtime: this.result?.app.runtime }))
    // A failed install is reported, and its step stays in the next steps; the exit code tells a script too.
    if (this.installed === 'failed') process.exitCode = 1
  }
}
