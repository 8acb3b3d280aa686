import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { databases, type DatabaseName } from '../../src/model/databases.js'

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8')

/**
 * Asserts that the app in `dir` is written for `database` and for no other: the schema's provider, the driver
 * adapter that src/db.ts imports, the adapter and driver in package.json, DATABASE_URL in .env and .env.example,
 * and `database:` in models.yaml.
 */
export function expectDatabase(dir: string, database: DatabaseName): void {
  const [adapter, driver] = databases[database].packages
  const others = Object.values(databases).filter((info) => info.provider !== database)
  expect(read(dir, 'prisma/schema.prisma')).toContain(`provider = "${database}"`)
  expect(read(dir, 'src/db.ts')).toContain(`from '${adapter}'`)
  for (const other of others) expect(read(dir, 'src/db.ts')).not.toContain(`from '${other.packages[0]}'`)
  const pkg = JSON.parse(read(dir, 'package.json')) as { dependencies: Record<string, string> }
  expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining([adapter, driver]))
  for (const other of others) expect(Object.keys(pkg.dependencies)).not.toContain(other.packages[1])
  const scheme = database === 'sqlite' ? 'file:' : `${database}://`
  for (const env of ['.env', '.env.example']) expect(read(dir, env)).toMatch(new RegExp(`^DATABASE_URL="${scheme}`, 'm'))
  expect(read(dir, 'models.yaml')).toMatch(new RegExp(`^database: ${database}$`, 'm'))
}

