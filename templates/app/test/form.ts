/** A form body as a browser sends it: a field with several values is repeated. */
export function formBody(values: Record<string, string | string[] | undefined>): URLSearchParams {
  const body = new URLSearchParams()
  for (const [field, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) body.append(field, item)
  }
  return body
}
