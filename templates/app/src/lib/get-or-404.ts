import { notFound } from './http-errors.js'

/**
 * Awaits a query for one row and throws a 404 when there is none, like Flask-SQLAlchemy's `db.get_or_404`:
 * `const user = await getOr404(db.user.findUnique({ where: { id } }))`.
 */
export async function getOr404<Row>(query: PromiseLike<Row | null>): Promise<Row> {
  const row = await query
  if (row === null) throw notFound()
  return row
}
