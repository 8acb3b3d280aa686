import { HTTPException } from 'hono/http-exception'

/**
 * Awaits a query for one row and throws a 404 when there is none, like Flask-SQLAlchemy's `db.get_or_404`:
 * `const user = await getOr404(c.var.db.user.findUnique({ where: { id } }))`.
 */
export async function getOr404<Row>(query: PromiseLike<Row | null>): Promise<Row> {
  const row = await query
  if (row === null) throw new HTTPException(404, { message: 'Not Found' })
  return row
}

/** The same for a `findFirst` query, like `db.first_or_404`. */
export const firstOr404 = getOr404
