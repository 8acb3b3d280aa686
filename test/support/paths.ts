import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** This repository's folder. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Where tests put generated apps: outside the repository, so that an import the app forgot to
 * declare cannot resolve from the repository's own node_modules.
 */
export const testsRoot = join(tmpdir(), 'dbapp-tests')

/** A new empty folder for one test's files. */
export function scratchDir(prefix: string): string {
  mkdirSync(testsRoot, { recursive: true })
  return mkdtempSync(join(testsRoot, `${prefix}-`))
}
