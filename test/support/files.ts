import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/** Every file under a folder, as `{ relative path: contents }`, in path order. */
export function readTree(dir: string, skip: (path: string) => boolean = () => false): Record<string, string> {
  const paths = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .filter((path) => !skip(path))
    .sort()
  return Object.fromEntries(paths.map((path) => [path, readFileSync(join(dir, path), 'utf8')]))
}
