import type { Measurement } from './load.js'

export interface Row {
  label: string
  /** By app key: a, b, c. */
  results: Record<string, Measurement>
}

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–')
const ratio = (x: number, y: number) => (y > 0 ? `${(x / y).toFixed(2)}` : '–')

/** The load results for one database size as a Markdown table, with a/b and a/c ratios of req/s. */
export function loadTable(rows: Row[]): string {
  const lines = [
    '| endpoint | (a) req/s | (b) req/s | (c) req/s | (a) p50 / p99 ms | (b) p50 / p99 ms | (c) p50 / p99 ms | a/b | a/c | others |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ]
  for (const { label, results } of rows) {
    const [a, b, c] = [results.a, results.b, results.c]
    if (!a || !b || !c) continue
    const latency = (m: Measurement) => `${fixed(m.p50)} / ${fixed(m.p99)}`
    lines.push(`| ${label} | ${fixed(a.rps)} | ${fixed(b.rps)} | ${fixed(c.rps)} | ${latency(a)} | ${latency(b)} | ${latency(c)} | ${ratio(a.rps, b.rps)} | ${ratio(a.rps, c.rps)} | ${fixed(Math.max(a.others, b.others, c.others), 2)} |`)
  }
  const odd = rows.flatMap(({ label, results }) => Object.entries(results).filter(([, m]) => m.unexpected > 0).map(([key, m]) => `(${key}) ${label}: ${m.unexpected} of ${m.requests}`))
  if (odd.length > 0) lines.push('', `Answers with an unexpected status, socket errors or timeouts: ${odd.join('; ')}`)
  return lines.join('\n')
}

/** Startup time and peak memory per app and database size. */
export function processTable(rows: { size: number; key: string; name: string; startupMs: number; peakRssMiB: number }[]): string {
  const lines = ['| app | N | start to first 200 (ms) | peak RSS (MiB) |', '|---|--:|--:|--:|']
  for (const row of rows) lines.push(`| (${row.key}) ${row.name} | ${row.size.toLocaleString('en')} | ${fixed(row.startupMs)} | ${fixed(row.peakRssMiB, 1)} |`)
  return lines.join('\n')
}
