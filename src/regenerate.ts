import { createTwoFilesPatch } from 'diff'
import { diff3Merge } from 'node-diff3'
import type { FileMap } from './writers/render.js'

/** Where an app keeps what the generator last wrote for each file: the base of the three-way merge. */
export const baseDir = '.dbapp/base'

/** What becomes of one file on a run. */
export type Outcome =
  | 'created' // new file
  | 'updated' // the user never touched it: replaced by the new output
  | 'merged' // the user changed it: their changes and the generator's were merged cleanly
  | 'conflict' // both changed the same lines: written with conflict markers
  | 'unchanged' // nothing to do
  | 'kept-deleted' // the user deleted it: it stays deleted
  | 'forced' // --force replaced the user's version
  | 'removed' // generated before, no longer, and never changed by the user: deleted, with its base
  | 'orphaned' // generated before, no longer, but changed by the user: left in place for them to delete

export interface FilePlan {
  path: string
  outcome: Outcome
  /** The contents to write; undefined when nothing is written. */
  contents?: string
}

export interface Sources {
  /** The file as it is on disk now (undefined: missing). */
  disk: (path: string) => string | undefined
  /** What the generator last wrote (undefined: never, or an app made before bases were kept). */
  base: (path: string) => string | undefined
  /** Every path that has a base. */
  basePaths: string[]
}

const lines = (text: string) => text.split('\n')

/** Merges the user's version and the new output on their common base; conflicts get git-style markers. */
export function mergeThreeWay(base: string, yours: string, generated: string): { text: string; conflict: boolean } {
  const out: string[] = []
  let conflict = false
  for (const region of diff3Merge(lines(yours), lines(base), lines(generated), { excludeFalseConflicts: true })) {
    if (region.ok) out.push(...(region.ok as string[]))
    else if (region.conflict) {
      conflict = true
      out.push('<<<<<<< yours', ...(region.conflict.a as string[]), '=======', ...(region.conflict.b as string[]), '>>>>>>> generated')
    }
  }
  return { text: out.join('\n'), conflict }
}

/**
 * Decides, file by file, what a run writes: untouched files are updated, edited ones merged, deleted ones
 * stay deleted. Files no longer generated (a model removed, another runtime) are removed if the user never
 * changed them, else kept and reported. `force` replaces everything.
 * `fromDisk` names files whose new output was already computed from the disk version (the models file).
 */
export function planFiles(generated: FileMap, sources: Sources, { force = false, fromDisk = [] as string[] } = {}): FilePlan[] {
  const plans: FilePlan[] = []
  for (const [path, next] of Object.entries(generated)) {
    const disk = sources.disk(path)
    const base = sources.base(path)
    if (disk === undefined) {
      plans.push(base === undefined || force ? { path, outcome: 'created', contents: next } : { path, outcome: 'kept-deleted' })
    } else if (disk === next || next === base) {
      // Nothing new from the generator: the file stays as the user has it.
      plans.push({ path, outcome: 'unchanged' })
    } else if (disk === base || fromDisk.includes(path)) {
      plans.push({ path, outcome: 'updated', contents: next })
    } else if (force) {
      plans.push({ path, outcome: 'forced', contents: next })
    } else {
      const merged = mergeThreeWay(base ?? '', disk, next)
      plans.push({ path, outcome: merged.conflict ? 'conflict' : 'merged', contents: merged.text })
    }
  }
  for (const path of sources.basePaths) {
    if (path in generated) continue
    const disk = sources.disk(path)
    plans.push({ path, outcome: disk === undefined || disk === sources.base(path) ? 'removed' : 'orphaned' })
  }
  return plans
}

/** The unified diff of what a plan would change on disk, for `--dry-run`. */
export function planDiff(plan: FilePlan, disk: string | undefined): string {
  if (plan.outcome === 'removed' && disk !== undefined) return createTwoFilesPatch(`a/${plan.path}`, '/dev/null', disk, '', undefined, undefined, { context: 3 })
  if (plan.contents === undefined) return ''
  return createTwoFilesPatch(disk === undefined ? '/dev/null' : `a/${plan.path}`, `b/${plan.path}`, disk ?? '', plan.contents, undefined, undefined, { context: 3 })
}

const headings: Partial<Record<Outcome, string>> = {
  merged: 'Merged your changes with the new output:',
  conflict: 'CONFLICTS: both you and the generator changed these lines; resolve the <<<<<<< markers:',
  'kept-deleted': 'You deleted these; they stay deleted (delete .dbapp/base/<file> to get them back on the next run):',
  forced: 'Replaced your version (--force):',
  removed: 'No longer generated (a model removed or renamed, another database or runtime), and unchanged: removed:',
  orphaned: 'No longer generated, but you changed them; left in place, delete them if you do not need them:',
}

/** The summary printed at the end of a run; empty when there is nothing to say. */
export function summary(plans: FilePlan[]): string {
  const parts: string[] = []
  for (const [outcome, heading] of Object.entries(headings)) {
    const paths = plans.filter((plan) => plan.outcome === outcome).map((plan) => `  ${plan.path}`)
    if (paths.length > 0) parts.push([heading, ...paths].join('\n'))
  }
  if (plans.some((plan) => plan.outcome === 'conflict')) parts.push("Find every conflict with: grep -rn '^<<<<<<< yours' --exclude-dir=node_modules --exclude-dir=.dbapp .")
  return parts.join('\n\n')
}
