import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describeApp } from '../../src/model/describe.js'
import type { AppDefinition } from '../../src/parse/definitions.js'
import { baseDir } from '../../src/regenerate.js'
import { modelsFileText, withSettings } from '../../src/writers/models-file.js'
import { renderApp, type FileMap } from '../../src/writers/render.js'
import { scratchDir } from './paths.js'

/** Writes an app to a new folder as `yo dbapp` leaves it: its files, and their bases for later merges. */
export function writeGeneratedApp(definition: AppDefinition, name = 'myapp', runtime = 'node', auth = 'false'): { dir: string; files: FileMap } {
  const dir = scratchDir(name)
  const app = describeApp(name, definition, [], undefined, runtime, auth)
  const text = modelsFileText(definition)
  const files = renderApp(app, runtime === 'node' && auth === 'false' ? text : withSettings(text, { database: app.database, runtime, auth }))
  for (const [path, contents] of Object.entries(files)) {
    for (const target of [join(dir, path), join(dir, baseDir, path)]) {
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(target, contents)
    }
  }
  return { dir, files }
}
