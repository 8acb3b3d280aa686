// @ts-check
import { createInterface } from 'node:readline'
import { EngineError, toRpcError } from './errors.mjs'

/**
 * @callback Handler
 * @param {string} method
 * @param {any} params
 * @param {(method: string, params: unknown) => Promise<unknown>} call sends a request to the CLI (used for `print`)
 * @returns {Promise<unknown>}
 */

/**
 * Serves newline-delimited JSON-RPC 2.0 on `input`/`output`, as the Prisma CLI speaks it to its schema engine.
 * Requests are handled one at a time, in order. The engine may itself send requests to the CLI (`print`), whose
 * replies arrive on the same input. Resolves when the input ends and the last request is answered.
 * @param {{ input: NodeJS.ReadableStream, output: NodeJS.WritableStream, handle: Handler }} io
 */
export async function serveJsonRpc({ input, output, handle }) {
  const send = (/** @type {object} */ message) => output.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`)
  /** @type {Map<number, (reply: any) => void>} */
  const awaitingReply = new Map()
  let nextId = 1
  const call = (/** @type {string} */ method, /** @type {unknown} */ params) =>
    new Promise((resolve, reject) => {
      const id = nextId++
      awaitingReply.set(id, (reply) => (reply.error ? reject(new EngineError(reply.error.message)) : resolve(reply.result)))
      send({ id, method, params })
    })

  let queue = Promise.resolve()
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim() === '') continue
    let message
    try {
      message = JSON.parse(line)
    } catch {
      send({ id: null, error: { code: -32700, message: 'Parse error' } })
      continue
    }
    if (message.method === undefined) {
      awaitingReply.get(message.id)?.(message)
      awaitingReply.delete(message.id)
      continue
    }
    const { id, method, params } = message
    queue = queue.then(async () => {
      try {
        const result = await handle(method, params, call)
        if (id !== undefined) send({ id, result: result ?? {} })
      } catch (error) {
        if (id !== undefined) send({ id, error: toRpcError(/** @type {EngineError} */ (error)) })
      }
    })
  }
  await queue
}
