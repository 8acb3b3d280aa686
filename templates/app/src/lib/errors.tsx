import { STATUS_CODES } from 'node:http'
import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from '../env.js'
import { ErrorPage } from '../views/error-page.js'
import { ConflictError } from './http-errors.js'
import { problem, type ErrorStatus } from './problem.js'

const wantsJson = (c: Context) => c.req.path.startsWith('/api/')

function respond(c: Context<AppEnv>, status: ErrorStatus, message: string, errors?: Record<string, string>) {
  if (wantsJson(c)) return problem(c, status, message, errors)
  return c.html(<ErrorPage status={status} message={message} />, status)
}

/** Every unknown URL is a 404: a page, or problem+json under /api/. */
export const notFound: NotFoundHandler<AppEnv> = (c) => respond(c, 404, 'Not Found')

export const tooLarge = (c: Context<AppEnv>) => respond(c, 413, 'Payload Too Large')

/**
 * Thrown HTTP errors (a missing row, a conflicting write, a bad request) become 4xx responses, with a message
 * per field where there is one; anything else is logged and answered with a 500 that reveals no details.
 */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof HTTPException) {
    const errors = error instanceof ConflictError ? error.errors : undefined
    return respond(c, error.status as ErrorStatus, error.message || (STATUS_CODES[error.status] ?? 'Error'), errors)
  }
  console.error(error)
  return respond(c, 500, 'Internal Server Error')
}
