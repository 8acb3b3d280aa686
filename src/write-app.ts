import { existsSync, readdirSync, type Stats } from 'node:fs'
import { join, relative } from 'node:path'
import type Generator from 'yeoman-generator'
import type { AppDescription } from './model/description.js'
import { baseDir, planDiff, planFiles, type FilePlan } from './regenerate.js'
import { executables, renderApp } from './writers/render.js'

const executable = { mode: 0o755 } as Stats

export interface WriteOptions {
  /** Replace files the user changed instead of merging. */
  force?: boolean
  /** Print what would change as unified diffs; write nothing. */
  dryRun?: boolean
  /** Files whose new output was computed from the disk version (the models file): written as they are. */
  fromDisk?: string[]
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
}

/**
 * The single point where generated files leave the writers: each file is created, updated, merged with the
 * user's changes, left alone or, no longer generated and untouched, removed (see regenerate.ts), and the new
 * output is kept as the base of the next merge.
 * Files go to Yeoman's in-memory file system, which writes them after every check has passed.
 */
export function writeApp(generator: Generator, app: AppDescription, modelsFile: string, options: WriteOptions = {}): FilePlan[] {
  const generated = renderApp(app, modelsFile)
  const read = (path: string) => generator.fs.read(generator.destinationPath(path), { defaults: null }) ?? undefined
  const plans = planFiles(generated, {
    disk: read,
    base: (path) => read(join(baseDir, path)),
    basePaths: listFiles(generator.destinationPath(baseDir)),
  }, options)
  if (options.dryRun) {
    for (const plan of plans) {
      const diff = planDiff(plan, read(plan.path))
      if (diff) generator.log(diff)
    }
    return plans
  }
  const write = (path: string, contents: string) => {
    const target = generator.destinationPath(path)
    const exists = existsSync(target)
    generator.fs.write(target, contents, executables.includes(path.replace(`${baseDir}/`, '')) ? { stat: executable } : undefined)
    // The merge has already decided this file's contents: Yeoman must not ask again.
    if (exists) (generator.fs.store.get(target) as { conflicter?: string }).conflicter = 'force'
  }
  for (const plan of plans) {
    if (plan.contents !== undefined) write(plan.path, plan.contents)
    if (plan.outcome === 'removed') for (const path of [plan.path, join(baseDir, plan.path)]) generator.fs.delete(generator.destinationPath(path))
  }
  for (const [path, contents] of Object.entries(generated)) if (read(join(baseDir, path)) !== contents) write(join(baseDir, path), contents)
  return plans
}
