import type { Context } from 'hono'
import type { ClientErrorStatusCode, ServerErrorStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'

export type ErrorStatus = ClientErrorStatusCode | ServerErrorStatusCode

/** An RFC 9457 problem document; `errors` holds one message per field. */
export function problem(c: Context, status: ErrorStatus, title: string, errors?: Record<string, string | undefined>) {
  return c.json({ type: 'about:blank', title, status, ...(errors && { errors }) }, status, { 'Content-Type': 'application/problem+json' })
}

/** A problem document as the JSON API sends it: `ProblemDetails` in the OpenAPI document. */
export const problemDetails = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    errors: z.record(z.string(), z.string()).optional().meta({ description: 'One message per field or query parameter' }),
  })
  .meta({ id: 'ProblemDetails', examples: [{ type: 'about:blank', title: 'Invalid input', status: 422, errors: { name: 'Required' } }] })
