import { HTTPException } from 'hono/http-exception'

/** A row that is not there, or a URL that cannot name one: 404, like Flask-SQLAlchemy's `abort(404)`. */
export const notFound = () => new HTTPException(404, { message: 'Not Found' })

/**
 * A write that the stored rows do not allow: a taken unique value (with a message per field, which a form
 * shows beside its inputs) or a row that others still refer to. Answered with 409.
 */
export class ConflictError extends HTTPException {
  constructor(
    message: string,
    readonly errors?: Record<string, string>,
  ) {
    super(409, { message })
  }
}
