import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateApp, type GeneratedApp } from '../support/generated-app.js'

/**
 * The list's order must come from an index, so that a page costs the same whatever the table's size. The SQL is
 * the one the generated app's own `listUsers` sends (captured from Prisma's query events, in a script that the
 * app's own tsx runs), and SQLite's EXPLAIN QUERY PLAN says how it runs it.
 */

/** Run inside the app with its tsx: prints, as JSON, the list's sort keys and the SQL and timings of listUsers. */
const captureScript = `
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from '../src/generated/prisma/client.js'
import { listUsers } from '../src/models/users.js'
import { userListQuery } from '../src/schemas/user.js'

const db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: 'file:./dev.db' }), log: [{ emit: 'event', level: 'query' }] })
let seen: { query: string; params: string }[] = []
db.$on('query', (event) => seen.push({ query: event.query, params: event.params }))

async function run(query: Record<string, string>) {
  seen = []
  const started = performance.now()
  const page = await listUsers(db, userListQuery.parse(query))
  return { ms: performance.now() - started, queries: seen, pages: page.pages, count: page.items.length }
}

const sorts: string[] = userListQuery.shape.sort.unwrap().options
const defaultSort: string = userListQuery.parse({}).sort
const result: Record<string, unknown> = { sorts, defaultSort, runs: [] }
const runs = result.runs as unknown[]
await run({}) // warm up the client
runs.push({ sort: null, page: 1, ...(await run({})) })
for (const sort of sorts) {
  const first = await run({ sort })
  const last = await run({ sort, page: String(first.pages) })
  // Timings: the median of a few runs of page 1 and of the last page.
  const times = async (page: number) => {
    const ms: number[] = []
    for (let i = 0; i < 5; i++) ms.push((await run({ sort, page: String(page) })).ms)
    return ms.sort((a, b) => a - b)[2]
  }
  runs.push({ sort, page: 1, ...first, medianMs: await times(1) }, { sort, page: first.pages, ...last, medianMs: await times(first.pages) })
}
await db.$disconnect()
console.log(JSON.stringify(result))
`

interface Captured {
  sorts: string[]
  defaultSort: string
  runs: { sort: string | null; page: number; pages: number; count: number; medianMs?: number; queries: { query: string; params: string }[] }[]
}

interface PlanRow {
  id: number
  parent: number
  detail: string
}

describe('query plan: the list is ordered by an index', () => {
  let generated: GeneratedApp
  /** listUsers' SQL at 1,000 and at 50,000 rows. */
  let small: Captured
  let large: Captured

  beforeAll(() => {
    generated = generateApp('quickstart', ['--yes'])
    mkdirSync(join(generated.dir, '.e2e'), { recursive: true })
    writeFileSync(join(generated.dir, '.e2e', 'capture.ts'), captureScript)
    fill(1_000)
    small = capture()
    fill(50_000)
    large = capture()
  })

  /** Adds rows up to `total`, usernames in an order unrelated to their ids and a third of the emails null. */
  function fill(total: number): void {
    const db = new Database(generated.dbFile)
    const have = (db.prepare('select count(*) as n from user').get() as { n: number }).n
    const insert = db.prepare('insert into user (username, email) values (?, ?)')
    db.transaction(() => {
      for (let i = have; i < total; i++) {
        const scrambled = (i * 7919) % 1_000_003 // a bijection on 0..1,000,002, so usernames stay unique
        insert.run(`user-${String(scrambled).padStart(7, '0')}`, i % 3 === 0 ? null : `u${i}@example.com`)
      }
    })()
    db.close()
  }

  function capture(): Captured {
    const tsx = join(generated.dir, 'node_modules', '.bin', 'tsx')
    const out = execFileSync(tsx, [join('.e2e', 'capture.ts')], { cwd: generated.dir, encoding: 'utf8', timeout: 120_000 })
    return JSON.parse(out.trim().split('\n').at(-1) ?? '') as Captured
  }

  /** The queries of one listUsers call: the one that reads the rows (ORDER BY) and the one that counts them. */
  function split(run: Captured['runs'][number]) {
    const parse = ({ query, params }: { query: string; params: string }) => ({ query, params: JSON.parse(params) as unknown[] })
    const ordered = run.queries.filter((q) => /\bORDER BY\b/i.test(q.query))
    expect(ordered, JSON.stringify(run.queries)).toHaveLength(1)
    const counts = run.queries.filter((q) => /\bCOUNT\(/i.test(q.query))
    return { list: parse(ordered[0] as Captured['runs'][number]['queries'][number]), count: counts[0] && parse(counts[0]) }
  }

  /** The columns the SQL orders by, in order, without table qualifiers. */
  function orderColumns(sql: string): string[] {
    const clause = /\bORDER BY\s+(.+?)(?:\s+LIMIT\b|\s+OFFSET\b|$)/is.exec(sql)?.[1] ?? ''
    return clause.split(',').map((term) => /[`"]?(\w+)[`"]?\s*(?:ASC|DESC)?\s*$/i.exec(term.trim())?.[1] ?? term.trim())
  }

  const explain = (db: Database.Database, sql: string, params: unknown[]) => db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as PlanRow[]

  /**
   * Why SQLite does not read this query's rows in index order, or undefined when it does: no temporary B-tree for
   * the ORDER BY, and the scan of user either uses an index that leads with the first ORDER BY column or walks
   * the table in rowid order when that column is the INTEGER PRIMARY KEY.
   */
  function notIndexOrdered(db: Database.Database, sql: string, params: unknown[]): string | undefined {
    const plan = explain(db, sql, params)
    const shown = plan.map((row) => row.detail).join(' | ')
    const order = orderColumns(sql)
    if (!order[0]) return `no ORDER BY column found in ${sql}`
    if (plan.some((row) => /TEMP B-TREE FOR .*ORDER BY/i.test(row.detail))) return `SQLite sorts every matching row in a temporary B-tree (ORDER BY ${order.join(', ')} has no index): ${shown}`
    const scan = plan.find((row) => /^(SCAN|SEARCH) (main\.)?user\b/i.test(row.detail))
    if (!scan) return `no scan of user in the plan: ${shown}`
    const index = /USING (?:COVERING )?INDEX (\S+)/i.exec(scan.detail)?.[1]
    if (index) {
      const indexed = (db.prepare('select name from pragma_index_info(?) order by seqno').all(index) as { name: string }[]).map((r) => r.name)
      return indexed[0] === order[0] ? undefined : `scans index ${index} (${indexed.join(', ')}), which does not lead with the order column ${order[0]}: ${shown}`
    }
    const columns = db.prepare("select name, type, pk from pragma_table_info('user')").all() as { name: string; type: string; pk: number }[]
    const keys = columns.filter((c) => c.pk > 0)
    const rowidAlias = keys.length === 1 && keys[0]?.type.toUpperCase() === 'INTEGER' ? keys[0].name : undefined
    return order[0] === rowidAlias ? undefined : `walks the table in rowid order, but orders by ${order[0]}, which is not the INTEGER PRIMARY KEY: ${shown}`
  }

  it('for the default sort and every allowed sort key, SQLite reads the rows in index order (no temporary B-tree)', () => {
    expect(large.sorts.length).toBeGreaterThan(0)
    expect(large.sorts).toContain(large.defaultSort)
    // Page 1 of the default sort, then page 1 and the last page of every sort key.
    expect(large.runs).toHaveLength(1 + 2 * large.sorts.length)
    const db = new Database(generated.dbFile, { readonly: true })
    const problems: string[] = []
    const report: string[] = []
    for (const run of large.runs) {
      const { list } = split(run)
      const label = `sort ${run.sort ?? `(default: ${large.defaultSort})`}, page ${run.page} of ${run.pages}`
      expect(run.count, label).toBe(20)
      report.push(`${label}: ${list.query}\n    ${explain(db, list.query, list.params).map((row) => row.detail).join('\n    ')}`)
      const problem = notIndexOrdered(db, list.query, list.params)
      if (problem) problems.push(`${label}: ${problem}`)
    }
    db.close()
    console.log(`list queries and their plans at 50,000 rows:\n${report.join('\n')}`)
    expect(problems, problems.join('\n')).toEqual([])
  })

  it('would notice an order without an index (the check above can fail)', () => {
    const db = new Database(generated.dbFile, { readonly: true })
    const { list } = split(large.runs[0] as Captured['runs'][number])
    const byEmail = list.query.replace(/ORDER BY .+? (ASC|DESC)/i, 'ORDER BY `main`.`user`.`email` $1')
    expect(byEmail).not.toBe(list.query)
    expect(notIndexOrdered(db, byEmail, list.params)).toMatch(/temporary B-tree/)
    db.close()
  })

  it('prints, for information, what page 1 and the last page cost at 1,000 and 50,000 rows', () => {
    const db = new Database(generated.dbFile, { readonly: true })
    const median = (sql: string, params: unknown[]) => {
      const statement = db.prepare(sql)
      const ms: number[] = []
      for (let i = 0; i < 5; i++) {
        const started = performance.now()
        statement.all(...params)
        ms.push(performance.now() - started)
      }
      return (ms.sort((a, b) => a - b)[2] ?? 0).toFixed(2)
    }
    const lines: string[] = []
    for (const [rows, captured] of [['1,000', small], ['50,000', large]] as const) {
      for (const run of captured.runs.filter((r) => r.medianMs !== undefined)) lines.push(`${rows} rows, sort ${run.sort}, page ${run.page}: listUsers ${run.medianMs?.toFixed(2)} ms`)
    }
    // The same SQL in SQLite alone at 50,000 rows: the rows query and the count query, separately.
    for (const run of large.runs.filter((r) => r.sort === large.defaultSort)) {
      const { list, count } = split(run)
      lines.push(`50,000 rows, sort ${run.sort}, page ${run.page}, SQLite alone: rows ${median(list.query, list.params)} ms, count ${count ? median(count.query, count.params) : '?'} ms`)
      if (count) lines.push(`    count query: ${count.query}\n    its plan: ${explain(db, count.query, count.params).map((r) => r.detail).join('; ')}`)
    }
    db.close()
    expect(lines.length).toBeGreaterThan(0)
    console.log(`page cost (median of 5 runs), for information:\n  ${lines.join('\n  ')}`)
  })
})
