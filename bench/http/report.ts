import type { Measurement } from './load.js'

export interface Row {
  label: string
  /** By app key: a, a2, b, c. */
  results: Record<string, Measurement>
}

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–')
const ratio = (x: number, y: number) => (y > 0 ? `${(x / y).toFixed(2)}` : '–')

/** The load results for one database size as a Markdown table, with ratios of req/s. */
export function loadTable(rows: Row[]): string {
  const lines = [
    '| endpoint | (a) req/s | (a2) req/s | (b) req/s | (c) req/s | (a) p50 / p99 ms | (b) p50 / p99 ms | (c) p50 / p99 ms | a/b | a/c | a2/c | others |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ]
  for (const { label, results } of rows) {
    const { a, a2, b, c } = results
    if (!a || !a2 || !b || !c) continue
    const latency = (m: Measurement) => `${fixed(m.p50)} / ${fixed(m.p99)}`
    const others = Math.max(a.others, a2.others, b.others, c.others)
    lines.push(
      `| ${label} | ${fixed(a.rps)} | ${fixed(a2.rps)} | ${fixed(b.rps)} | ${fixed(c.rps)} | ${latency(a)} | ${latency(b)} | ${latency(c)} | ${ratio(a.rps, b.rps)} | ${ratio(a.rps, c.rps)} | ${ratio(a2.rps, c.rps)} | ${fixed(others, 2)} |`,
    )
  }
  const odd = rows.flatMap(({ label, results }) => Object.entries(results).filter(([, m]) => m.unexpected > 0).map(([key, m]) => `(${key}) ${label}: ${m.unexpected} of ${m.requests}`))
  if (odd.length > 0) lines.push('', `Answers with an unexpected status, socket errors or timeouts: ${odd.join('; ')}`)
  return lines.join('\n')
}

const isList = (label: string) => label.startsWith('GET /users') || label.startsWith('GET /api/users?')
const isDetail = (label: string) => label.includes('/:id')

/**
 * The issue's goals, read off the measurements: (a) against (b) on every endpoint, the list pages at the
 * largest size against (c) and against themselves at the smallest, and (a2)'s detail reads against (c).
 */
export function goalsTable(rowsBySize: Map<number, Row[]>): string {
  const sizes = [...rowsBySize.keys()].sort((x, y) => x - y)
  const smallest = rowsBySize.get(sizes[0] ?? 0) ?? []
  const largest = sizes.at(-1) ?? 0
  const lines = ['| goal | endpoint | N | measured | met |', '|---|---|--:|--:|---|']
  const add = (goal: string, label: string, size: number, value: number, met: boolean) =>
    lines.push(`| ${goal} | ${label} | ${size.toLocaleString('en')} | ${value.toFixed(2)} | ${met ? 'yes' : 'no'} |`)
  for (const size of sizes) {
    for (const { label, results } of rowsBySize.get(size) ?? []) {
      if (results.a && results.b) add('a/b ≥ 1.0', label, size, results.a.rps / results.b.rps, results.a.rps >= results.b.rps)
    }
  }
  for (const { label, results } of rowsBySize.get(largest) ?? []) {
    if (!isList(label) || !results.a || !results.c) continue
    add('list: a/c ≥ 0.5', label, largest, results.a.rps / results.c.rps, results.a.rps >= 0.5 * results.c.rps)
    const small = smallest.find((row) => row.label === label)?.results.a
    if (small) add(`list: p50 ÷ p50 at ${(sizes[0] ?? 0).toLocaleString('en')} ≤ 1.2`, label, largest, results.a.p50 / small.p50, results.a.p50 <= 1.2 * small.p50)
  }
  for (const size of sizes) {
    for (const { label, results } of rowsBySize.get(size) ?? []) {
      if (isDetail(label) && results.a2 && results.c) add('detail: a2/c ≥ 0.5', label, size, results.a2.rps / results.c.rps, results.a2.rps >= 0.5 * results.c.rps)
    }
  }
  return lines.join('\n')
}

/** Startup time and peak memory per app and database size. */
export function processTable(rows: { size: number; key: string; name: string; startupMs: number; peakRssMiB: number }[]): string {
  const lines = ['| app | N | start to first 200 (ms) | peak RSS (MiB) |', '|---|--:|--:|--:|']
  for (const row of rows) lines.push(`| (${row.key}) ${row.name} | ${row.size.toLocaleString('en')} | ${fixed(row.startupMs)} | ${fixed(row.peakRssMiB, 1)} |`)
  return lines.join('\n')
}
