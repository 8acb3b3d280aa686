import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env.js'
import { tooLarge } from '../lib/errors.js'

/** The most of a refused body that is read: past it, the 413 goes out at once, and the client may see a reset. */
const maxDiscarded = 64 * 1024 * 1024

/**
 * Refuses a request body over `maxSize` bytes with 413, whether the client announced its size (Content-Length)
 * or it is found while reading (chunked). hono/body-limit does the same but answers while the client may still
 * be sending: the connection is then closed under the client, which often sees a reset instead of the 413.
 * Here the rest of a refused body is read and dropped first.
 */
export const bodyLimit = (maxSize: number) =>
  createMiddleware<AppEnv>(async function bodyLimit(c, next) {
    const body = c.req.raw.body
    if (!body) return next()
    const length = c.req.header('Content-Length')
    if (length !== undefined && !c.req.header('Transfer-Encoding')) {
      if (Number(length) <= maxSize) return next()
      await discard(body.getReader(), 0)
      return tooLarge(c)
    }
    const reader = body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.length
      if (size > maxSize) {
        await discard(reader, size)
        return tooLarge(c)
      }
      chunks.push(read.value)
    }
    c.req.raw = new Request(c.req.raw, { body: joined(chunks, size) })
    return next()
  })

/** The chunks of a body as one array of bytes. */
function joined(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}

/** Reads the rest of a body, up to maxDiscarded bytes in all, and drops it. */
async function discard(reader: ReadableStreamDefaultReader<Uint8Array>, read: number) {
  try {
    while (read <= maxDiscarded) {
      const chunk = await reader.read()
      if (chunk.done) return
      read += chunk.value.length
    }
  } catch {
    // The client has gone: no one is left to read the 413.
  }
}
