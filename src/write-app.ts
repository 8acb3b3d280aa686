import type { Stats } from 'node:fs'
import type Generator from 'yeoman-generator'
import type { AppDescription } from './model/description.js'
import { executables, renderApp } from './writers/render.js'

const executable = { mode: 0o755 } as Stats

/** Hands every file of the app to Yeoman's in-memory file system; Yeoman writes them after all checks pass. */
export function writeApp(generator: Generator, app: AppDescription, modelsFile: string): void {
  for (const [path, contents] of Object.entries(renderApp(app, modelsFile))) {
    generator.fs.write(generator.destinationPath(path), contents, executables.includes(path) ? { stat: executable } : undefined)
  }
}

/** What to type next, as Yeoman generators end. */
export function nextSteps(folder: string | undefined, firstListPath: string, installed: boolean): string {
  const steps = [folder && `cd ${folder}`, !installed && 'npm install', 'npx prisma db push', 'npm run dev'].filter(Boolean)
  return `\nYour app is ready. Next:\n\n${steps.map((step) => `  ${step}`).join('\n')}\n\nthen open http://localhost:3000${firstListPath}\n`
}
