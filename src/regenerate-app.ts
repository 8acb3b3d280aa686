import { join } from 'node:path'
import type Generator from 'yeoman-generator'
import { describeApp } from './model/describe.js'
import type { AppDescription } from './model/description.js'
import type { Problem } from './model/problems.js'
import type { AppDefinition, ModelDefinition } from './parse/definitions.js'
import { parseModelsFile } from './parse/models-file.js'
import { summary, type FilePlan } from './regenerate.js'
import { readSettings, resolveSettings, type AppSettings } from './settings.js'
import { writeApp } from './write-app.js'
import { upsertModel, withSettings } from './writers/models-file.js'

/** Every app keeps its definitions and settings here. */
export const modelsPath = 'models.yaml'

/** What one run of `yo dbapp` or `yo dbapp:model` generates from, and where. */
export interface Regeneration {
  /** The app's folder, relative to the generator's destination root: '' when the run is inside the app. */
  folder: string
  /** The app's name: for a re-run inside the app, read from its package.json when not given. */
  name?: string
  /** The models file to generate from (and its name for messages); by default the app's own models.yaml. */
  source?: { text: string; fileName: string }
  /** A model to add to the definitions, or whose definition to replace (`yo dbapp:model`). */
  model?: ModelDefinition
  /** Problems already found (in the words of the command line), reported with all the others. */
  problems?: Problem[]
  /** Settings given on the command line or at the prompts: they win, and are written into models.yaml. */
  overrides?: Partial<AppSettings>
  /** Replace the files the user changed instead of merging. */
  force?: boolean
  /** Print what would change as unified diffs; write nothing. */
  dryRun?: boolean
}

export interface Regenerated {
  app: AppDescription
  plans: FilePlan[]
}

/**
 * The one way an app is (re)generated, for `yo dbapp` and `yo dbapp:model` alike: read the models file with
 * every app setting, apply the overrides (falling back on the app's current models.yaml, then the defaults),
 * describe the app (every problem at once, before anything touches the disk), then move the generator into
 * the app's folder and write: each file planned against the user's version and its base (see write-app.ts).
 */
export function regenerateApp(generator: Generator, run: Regeneration): Regenerated {
  const appDir = generator.destinationPath(run.folder)
  const current = generator.fs.read(join(appDir, modelsPath), { defaults: null }) ?? undefined
  const source = run.source ?? (current === undefined ? missingModelsFile(appDir) : { text: current, fileName: modelsPath })
  const parsed = parseModelsFile(source.text, source.fileName)
  // The model is described as it was given, not as the models file spells it, so no mistake in it is lost.
  const definition = run.model ? withModel(parsed.definition, run.model) : parsed.definition
  const problems = [...(run.problems ?? []), ...parsed.problems]
  const text = run.model ? upsertModel(source.text, run.model) : source.text
  const settings = resolveSettings(run.overrides ?? {}, readSettings(text), current === undefined ? {} : readSettings(current))
  const app = describeApp(run.name ?? packageName(generator, appDir), definition, problems, settings.database, settings.runtime, settings.auth)
  // Only now, with the definitions known to be good: destinationRoot() creates the folder.
  generator.destinationRoot(appDir)
  const plans = writeApp(generator, app, withSettings(text, settings), { force: run.force, dryRun: run.dryRun, fromDisk: [modelsPath] })
  return { app, plans }
}

function withModel(definition: AppDefinition, model: ModelDefinition): AppDefinition {
  const known = definition.models.some((m) => m.name === model.name)
  const models = known ? definition.models.map((m) => (m.name === model.name ? model : m)) : [...definition.models, model]
  return { ...definition, models }
}

function missingModelsFile(dir: string): never {
  throw new Error(`There is no ${modelsPath} in ${dir}. Fix: run it inside an app made by yo dbapp`)
}

/** The name of the app in a folder, from its package.json. */
function packageName(generator: Generator, dir: string): string {
  const pkg = generator.fs.readJSON(join(dir, 'package.json')) as { name?: string } | undefined
  return pkg?.name ?? 'app'
}

/** What became of the app's dependencies on a run. */
export type Install = 'installed' | 'unchanged' | 'skipped' | 'failed'

/**
 * Runs `npm install` in the app's folder when the run wrote its package.json (always, for a new app), unless
 * `--skip-install`. Yeoman's own install step cannot do this: it looks for package.json in the folder yo was
 * started in, not in the new app's folder, so the generators turn it off (the customInstallTask feature) and call
 * this at their install priority. A failed install is reported and left to the user, as the next steps then say.
 */
export async function installDependencies(generator: Generator, plans: FilePlan[], { skip = false, dryRun = false } = {}): Promise<Install> {
  const pkg = plans.find((plan) => plan.path === 'package.json')
  if (dryRun || pkg?.contents === undefined) return 'unchanged'
  // Conflict markers in package.json would fail npm: the user resolves them first.
  if (skip || pkg.outcome === 'conflict') return 'skipped'
  try {
    await generator.spawn('npm', ['install'], { cwd: generator.destinationRoot(), stdio: 'inherit' })
    return 'installed'
  } catch (error) {
    generator.log(`\nnpm install failed: ${(error as Error).message.split('\n')[0]}`)
    return 'failed'
  }
}

/** The commands that remain after a run, in order (`cd` when the app is in a subfolder of where yo ran), then the page to open. */
export function nextSteps(folder: string, listPath: string, install: Install, runtime = 'node'): string {
  const steps = [
    folder && `cd ${folder}`,
    (install === 'skipped' || install === 'failed') && 'npm install',
    // `prisma db push`. On MySQL it needs Prisma's native schema engine, which prisma downloads on first use: what a user runs anyway.
    'npm run db:push',
    runtime === 'bun' ? 'bun run dev' : 'npm run dev',
  ].filter(Boolean)
  const oldNode = runtime === 'workers' && Number(process.versions.node.split('.')[0]) < 22
  const warning = oldNode ? `\nwrangler needs Node.js 22 or later; this is Node.js ${process.versions.node}: switch before these steps.\n` : ''
  return `\nYour app is ready. Next:\n\n${steps.map((step) => `  ${step}`).join('\n')}\n\nthen open http://localhost:3000${listPath}\n${warning}`
}

/** What a run prints at its end: the files that need the user's attention, then the next steps. */
export function endReport(plans: FilePlan[], { dryRun = false, folder = '', listPath = '/', install = 'unchanged' as Install, runtime = 'node' } = {}): string {
  const report = summary(plans)
  const head = report ? `\n${report}\n` : ''
  return head + (dryRun ? '\nDry run: nothing was written.' : nextSteps(folder, listPath, install, runtime))
}
