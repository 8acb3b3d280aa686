import { mkdirSync, mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** This repository's folder. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** A new empty folder under .tmp/ (gitignored) for one test's files. */
export function scratchDir(prefix: string): string {
  const base = join(repoRoot, '.tmp')
  mkdirSync(base, { recursive: true })
  return mkdtempSync(join(base, `${prefix}-`))
}
