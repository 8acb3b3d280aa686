import { HTTPException } from 'hono/http-exception'

const maxInt = 2 ** 31 - 1

/** Reads an integer id from the URL; anything that cannot be a row's id is a 404. */
export function parseId(value: string): number {
  const id = Number(value)
  if (!/^[0-9]+$/.test(value) || id > maxInt) throw new HTTPException(404, { message: 'Not Found' })
  return id
}
