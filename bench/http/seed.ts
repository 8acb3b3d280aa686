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
  const db = new Database(target)
  const insert = db.prepare('INSERT INTO "user" (username, email) VALUES (?, ?)')
  db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const username = `${((i * 2654435761) % 2 ** 32).toString(36)}-${i}`
      insert.run(username, i % 10 === 0 ? null : `${username}@example.com`)
    }
  })()
  db.close()
  return performance.now() - start
}
