import { z } from 'zod'

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
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '')
    errors[field] ??= issue.message
  }
  return errors
}

/** The text fields of a parsed form body; file uploads are ignored. */
export function formValues(body: Record<string, unknown>): FormValues {
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}
