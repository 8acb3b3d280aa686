import { HTTPException } from 'hono/http-exception'

/** A row that is not there, or a URL that cannot name one: 404, like Flask-SQLAlchemy's `abort(404)`. */
export const notFound = () => new HTTPException(404, { message: 'Not Found' })

/** A refused write, with a message per field where there is one: a form shows each beside its input. */
export class InputError extends HTTPException {
  constructor(
    status: 409 | 422,
    message: string,
    readonly errors?: Record<string, string>,
  ) {
    super(status, { message })
  }
}

/**
 * A write that the stored rows do not allow: a taken unique value (with a message per field) or a row that others
 * still refer to. Answered with 409.
 */
export class ConflictError extends InputError {
  constructor(message: string, errors?: Record<string, string>) {
    super(409, message, errors)
  }
}
