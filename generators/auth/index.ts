import { regenerateApp } from '../../src/regenerate-app.js'
import { RegeneratingGenerator, type RegeneratingOptions } from '../../src/regenerating-generator.js'

/**
 * `yo dbapp:auth` inside an app: turns accounts on (`auth: true` in models.yaml) and writes the app again, merging
 * with the user's changes. Every model without an `access:` rule then takes writes from signed-in accounts only.
 */
export default class AuthGenerator extends RegeneratingGenerator<RegeneratingOptions> {
  writing() {
    this.result = regenerateApp(this, { folder: '', overrides: { auth: 'true' }, force: Boolean(this.options.force), dryRun: Boolean(this.options.dryRun) })
  }

  protected listPath() {
    return '/signup'
  }
}
