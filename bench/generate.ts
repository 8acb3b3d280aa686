// Times `yo dbapp` with the real yo binary: the seed's quickstart app (1 model), and 10 and 50 models.
// Prints medians of a few runs; nothing is asserted. Run with `npm run bench`.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { scratchDir } from '../test/support/paths.js'
import { runYo } from '../test/support/yo.js'

const runs = 3

function modelsFile(count: number): string {
  const models = Array.from({ length: count }, (_, i) => `  Thing${i + 1}:\n    fields:\n      name: string:unique\n      note: text?\n      amount: int\n`)
  return `models:\n${models.join('')}`
}

function timeYo(args: string[], setup: (dir: string) => void): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const dir = scratchDir('bench-generate')
    setup(dir)
    const start = performance.now()
    const yo = runYo(args, dir)
    times.push(performance.now() - start)
    if (yo.status !== 0) throw new Error(`yo failed:\n${yo.stdout}\n${yo.stderr}`)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? NaN
}

const rows: [string, number][] = [['quickstart (--yes, 1 model)', timeYo(['dbapp', 'app', '--yes', '--skip-install'], () => {})]]
for (const count of [1, 10, 50]) {
  const time = timeYo(['dbapp', 'app', '--models', 'models.yaml', '--skip-install'], (dir) => writeFileSync(join(dir, 'models.yaml'), modelsFile(count)))
  rows.push([`--models with ${count} model${count === 1 ? '' : 's'}`, time])
}

console.log(`\nyo dbapp, wall time (median of ${runs} runs, real yo binary, --skip-install)\n`)
for (const [label, ms] of rows) console.log(`  ${label.padEnd(32)} ${(ms / 1000).toFixed(2)} s`)
const one = rows[1]?.[1] ?? NaN
const fifty = rows[3]?.[1] ?? NaN
console.log(`\n  50 models / 1 model: ${(fifty / one).toFixed(2)}×`)
