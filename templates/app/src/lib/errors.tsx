import { STATUS_CODES } from 'node:http'
import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from '../env.js'
import { ErrorPage } from '../views/error-page.js'
import { InputError } from './http-errors.js'
import { isDatabaseUnavailable } from './prisma-errors.js'
import { problem, type ErrorStatus } from './problem.js'

/** How long a client should wait before trying again when the database cannot be reached. */
const retryAfterSeconds = 5

const wantsJson = (c: Context) => c.req.path.startsWith('/api/')

function respond(c: Context<AppEnv>, status: ErrorStatus, message: string, errors?: Record<string, string>) {
  if (wantsJson(c)) return problem(c, status, message, errors)
  return c.html(<ErrorPage status={status} message={message} />, status)
}

/** Every unknown URL is a 404: a page, or problem+json under /api/. */
export const notFound: NotFoundHandler<AppEnv> = (c) => respond(c, 404, 'Not Found')

/**
 * A body over the limit (middleware/body-limit.ts has read and dropped it): 413 with `Connection: close`, since
 * a keep-alive client cannot go on with a connection whose request was refused unread; Node closes it after this.
 */
export function tooLarge(c: Context<AppEnv>) {
  c.header('Connection', 'close')
  return respond(c, 413, 'Payload Too Large')
}

/**
 * Thrown HTTP errors (a missing row, a conflicting write, a bad request) become 4xx responses, with a message
 * per field where there is one; anything else is logged and answered without details: a database that cannot be
 * reached with a 503 and Retry-After, any other error with a 500.
 */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof HTTPException) {
    const errors = error instanceof InputError ? error.errors : undefined
    return respond(c, error.status as ErrorStatus, error.message || (STATUS_CODES[error.status] ?? 'Error'), errors)
  }
  // The log says which request failed, and the error keeps its stack and, from Prisma, its code and meta.
  console.error(`${c.req.method} ${c.req.path} failed:`, error)
  if (isDatabaseUnavailable(error)) {
    // Nothing was written; the client may try again shortly, and the app reconnects by itself.
    c.header('Retry-After', String(retryAfterSeconds))
    return respond(c, 503, 'Service Unavailable')
  }
  return respond(c, 500, 'Internal Server Error')
}
