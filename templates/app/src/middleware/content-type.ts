import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { HTTPException } from 'hono/http-exception'

const mediaType = (c: Context) => (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''

/**
 * Refuses a body that is not of the kind the routes read (415), so no body is read as something else.
 * For the methods that send one: app.ts mounts these on POST, PUT and PATCH.
 */
const bodiesOf = (name: string, accepted: (type: string) => boolean) =>
  createMiddleware(async function bodies(c, next) {
    if (!accepted(mediaType(c))) throw new HTTPException(415, { message: `Unsupported Media Type: send ${name}` })
    await next()
  })

/** The JSON API reads JSON (`application/json`, or any `+json` type). */
export const jsonBodies = bodiesOf('JSON', (type) => type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type))

/** The pages read forms; with this, the CSRF check (which looks at form posts) sees every write to them. */
export const formBodies = bodiesOf('a form', (type) => type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data')
