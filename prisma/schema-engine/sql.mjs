// @ts-check

/**
 * Small helpers to run SQL of our own through a driver adapter.
 * @param {{ queryRaw(q: any): Promise<{ rows: unknown[][] }>, executeRaw(q: any): Promise<number> }} adapter
 */
export function sqlHelpers(adapter) {
  return {
    /** @param {string} sql */
    query: async (sql) => (await adapter.queryRaw({ sql, args: [], argTypes: [] })).rows,
    /** @param {string} sql */
    run: async (sql) => {
      await adapter.executeRaw({ sql, args: [], argTypes: [] })
    },
  }
}

/**
 * Whether a SQL script begins or ends transactions itself; such scripts (hand-written `db execute` files)
 * are run as they are instead of inside a transaction of ours.
 * @param {string} script
 */
export function managesOwnTransaction(script) {
  return /^\s*(BEGIN|COMMIT|END|ROLLBACK|START\s+TRANSACTION)\b/im.test(script)
}
