import type { Context } from 'hono'
import type { ClientErrorStatusCode, ServerErrorStatusCode } from 'hono/utils/http-status'

export type ErrorStatus = ClientErrorStatusCode | ServerErrorStatusCode

/** An RFC 9457 problem document; `errors` holds one message per field. */
export function problem(c: Context, status: ErrorStatus, title: string, errors?: Record<string, string | undefined>) {
  return c.json({ type: 'about:blank', title, status, ...(errors && { errors }) }, status, { 'Content-Type': 'application/problem+json' })
}
