import type { ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from '../env.js'
import { ErrorPage } from '../views/error-page.js'

/** Every unknown URL renders the 404 page. */
export const notFound: NotFoundHandler<AppEnv> = (c) => c.html(<ErrorPage status={404} message="Not Found" />, 404)

/** Thrown HTTP errors render as pages; anything else is logged and shown as a 500 without details. */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof HTTPException) {
    if (error.status === 404) return notFound(c)
    return c.html(<ErrorPage status={error.status} message={error.message} />, error.status)
  }
  console.error(error)
  return c.html(<ErrorPage status={500} message="Something went wrong" />, 500)
}
