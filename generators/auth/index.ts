import Generator, { type BaseOptions } from 'yeoman-generator'
import type { FilePlan } from '../../src/regenerate.js'
import { endReport, installDependencies, regenerateApp, type Install, type Regenerated } from '../../src/regenerate-app.js'

export type AuthOptions = BaseOptions & {
  force?: boolean
  dryRun?: boolean
}

/**
 * `yo dbapp:auth` inside an app: turns accounts on (`auth: true` in models.yaml) and writes the app again, merging
 * with the user's changes. Every model without an `access:` rule then takes writes from signed-in accounts only.
 */
export default class AuthGenerator extends Generator<Record<string, unknown>, AuthOptions> {
  result?: Regenerated
  installed: Install = 'unchanged'

  constructor(args?: string[], options?: AuthOptions) {
    super(args, options)
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
    this.result = regenerateApp(this, { folder: '', overrides: { auth: 'true' }, force: Boolean(this.options.force), dryRun: Boolean(this.options.dryRun) })
  }

  async install() {
    this.installed = await installDependencies(this, this.plans, { skip: Boolean(this.options.skipInstall), dryRun: Boolean(this.options.dryRun) })
  }

  end() {
    this.log(endReport(this.plans, { dryRun: Boolean(this.options.dryRun), listPath: '/signup', install: this.installed, runtime: this.result?.app.runtime }))
    // A failed install is reported, and its step stays in the next steps; the exit code tells a script too.
    if (this.installed === 'failed') process.exitCode = 1
  }
}
