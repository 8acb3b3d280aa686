import { HTTPException } from 'hono/http-exception'
import { z } from 'zod'

export const defaultPerPage = 20
export const maxPerPage = 100

/** `page` and `per_page` from a query string, as Flask-SQLAlchemy's `paginate` reads them. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1).meta({ description: 'The page to show, from 1' }),
  per_page: z.coerce.number().int().min(1).max(maxPerPage).default(defaultPerPage).meta({ description: 'Rows per page' }),
}

/** One page of a list, with what it takes to link to the others. */
export interface Page<Row> {
  items: Row[]
  page: number
  per_page: number
  total: number
  pages: number
}

/** One page of rows as the JSON API sends it. */
export const pageOf = <Row extends z.ZodType>(row: Row) =>
  z.object({ items: z.array(row), page: z.int(), per_page: z.int(), total: z.int(), pages: z.int() })

/** The number of pages for `total` rows; a page past the end is a 404 (page 1 of an empty list is not). */
export function pageCount(total: number, perPage: number, page: number): number {
  const pages = Math.max(1, Math.ceil(total / perPage))
  if (page > pages) throw new HTTPException(404, { message: 'Not Found' })
  return pages
}
