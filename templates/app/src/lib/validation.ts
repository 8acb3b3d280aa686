import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { z } from 'zod'
import { problem } from './problem.js'

export type FormValues = Record<string, string | undefined>
export type FieldErrors = Record<string, string | undefined>

/** Forms send '' for an empty field: that means "no value". */
const blank = (value: unknown) => (value === '' ? undefined : value)

/** A value that must be given: blank or missing is "Required". */
export function required<T extends z.ZodType>(schema: T) {
  return z.preprocess((value, context) => {
    if (blank(value) !== undefined && value !== null) return value
    context.addIssue({ code: 'custom', message: 'Required' })
    return z.NEVER
  }, schema)
}

/** A value that may be left out: blank or missing is stored as null. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => blank(value) ?? null, schema.nullable())
}

/** A checkbox: ticked is `on` in a form, `true` in JSON; absent is false. */
export const checkbox = z.union([z.boolean(), z.stringbool()]).default(false)

/** The first message for each field, keyed by field name. */
export function fieldErrors(error: z.core.$ZodError): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '')
    errors[field] ??= issue.message
  }
  return errors
}

/** The text fields of a submitted form, to show them again; file uploads are ignored. */
export function formValues(body: unknown): FormValues {
  if (typeof body !== 'object' || body === null) return {}
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

/** A stored row as form values, to fill in the edit form. */
export function rowValues(row: Record<string, unknown>): FormValues {
  return Object.fromEntries(Object.entries(row).map(([field, value]) => [field, asFormValue(value)]))
}

function asFormValue(value: unknown): string {
  if (value === null || value === undefined || value === false) return ''
  if (value === true) return 'on'
  if (value instanceof Date) return value.toISOString().slice(0, 16)
  return String(value)
}

/**
 * Validator hook for the JSON API: a refused body (422) or query string (400)
 * gets a problem document with one message per field.
 */
export function invalidRequest(result: { success: boolean; error?: z.core.$ZodError; target: string }, c: Context) {
  if (result.error) return problem(c, result.target === 'json' ? 422 : 400, 'Invalid input', fieldErrors(result.error))
}

/** Validator hook for a page's query string: a refused one is a 400 page. */
export function invalidQuery(result: { success: boolean }) {
  if (!result.success) throw new HTTPException(400, { message: 'Bad Request' })
}
