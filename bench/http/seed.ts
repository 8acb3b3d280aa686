import Database from 'better-sqlite3'
import { copyFileSync } from 'node:fs'

/**
 * Copies `emptyDb` (a database whose tables `prisma db push` created) to `target` and fills its `user`
 * table with `count` rows in one transaction of prepared inserts. Usernames are scrambled so that the
 * list's order (by username) is not the order of the ids; every tenth user has no email.
 */
export function seedUsers(emptyDb: string, target: string, count: number): number {
  const start = performance.now()
  copyFileSync(emptyDb, target)
  insertUsers(target, count)
  return performance.now() - start
}

/** Fills the `user` table of a SQLite file (a D1 database's local file, say) with `count` rows, as seedUsers does. */
export function insertUsers(file: string, count: number) {
  const db = new Database(file)
  const insert = db.prepare('INSERT INTO "user" (username, email) VALUES (?, ?)')
  db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const username = `${((i * 2654435761) % 2 ** 32).toString(36)}-${i}`
      insert.run(username, i % 10 === 0 ? null : `${username}@example.com`)
    }
  })()
  db.close()
}
