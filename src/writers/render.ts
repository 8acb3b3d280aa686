import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import ejs from 'ejs'
import { databases } from '../model/databases.js'
import type { AppDescription, ModelDescription } from '../model/description.js'
import { prismaSchema } from './prisma-schema.js'
import * as helpers from './helpers/index.js'
import { identifiers } from './helpers/names.js'

/** Files as `{ path: contents }`, paths relative to the app folder. Nothing touches the disk. */
export type FileMap = Record<string, string>

/** The folder of this package (it holds package.json, templates/ and prisma/). */
export function packageRoot(from = dirname(new URL(import.meta.url).pathname)): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }
      if (pkg.name === 'generator-dbapp') return dir
    } catch {
      // no package.json here: keep walking up
    }
  }
  throw new Error('generator-dbapp: cannot find its own package folder')
}

const root = packageRoot()

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort()
}

/** The versions this generator is tested with; generated apps depend on the same. */
function versions() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string>>
  const all = { ...pkg.devDependencies, ...pkg.dependencies }
  return {
    pick: (names: string[]) => Object.fromEntries(names.map((name) => [name, all[name] ?? missing(name)])),
  }
}

function missing(name: string): never {
  throw new Error(`generator-dbapp: no version of ${name} in its package.json`)
}

/** Template file names: `gitignore` → `.gitignore` (npm drops dotfiles from packages), tokens → model names. */
function targetPath(templatePath: string, model?: ModelDescription): string {
  let path = templatePath.replace(/\.ejs$/, '').replace(/(^|\/)(gitignore|env|env\.example)$/, '$1.$2')
  if (model) path = path.replaceAll('__plural__', model.names.plural.kebab).replaceAll('__singular__', model.names.singular.kebab)
  return path
}

function renderFolder(folder: string, data: Record<string, unknown>, model?: ModelDescription): FileMap {
  const dir = join(root, 'templates', folder)
  const files: FileMap = {}
  for (const file of listFiles(dir)) {
    const text = readFileSync(join(dir, file), 'utf8')
    const contents = file.endsWith('.ejs') ? ejs.render(text, data, { filename: join(dir, file) }) : text
    // A template that renders to nothing is a file this app does not need.
    if (contents.trim() !== '') files[targetPath(file, model)] = contents
  }
  return files
}

/** The offline schema engine, copied as it is into every app (see prisma/schema-engine/). */
function engineFiles(): FileMap {
  const dir = join(root, 'prisma', 'schema-engine')
  return Object.fromEntries(listFiles(dir).map((file) => [join('prisma', 'schema-engine', file), readFileSync(join(dir, file), 'utf8')]))
}

/** Paths that must be written executable. */
export const executables = ['prisma/schema-engine/main.mjs']

/** Every file of the app, from its description and the text of its models file. */
export function renderApp(app: AppDescription, modelsFile: string): FileMap {
  const files: FileMap = {
    ...renderFolder('app', { app, versions: versions(), databases, ...helpers }),
    'models.yaml': modelsFile,
    'prisma/schema.prisma': prismaSchema(app),
    // MySQL's connector is not in Prisma's WebAssembly engine: those apps use Prisma's native engine.
    ...(databases[app.database].offlineEngine ? engineFiles() : {}),
  }
  for (const model of app.models) {
    Object.assign(files, renderFolder('model', { app, model, v: identifiers(model), databases, ...helpers }, model))
  }
  return files
}
