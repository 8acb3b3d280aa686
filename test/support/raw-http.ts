import http from 'node:http'

export interface RawRequest {
  method: string
  /** Sent exactly as written (no normalization of `..`, `%2e` or `//`), unlike fetch. */
  path: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** Sends the body with Transfer-Encoding: chunked instead of a Content-Length. */
  chunked?: boolean
}

export interface RawAnswer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

const hasHeader = (headers: Record<string, string>, name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name)

/**
 * Sends one request to 127.0.0.1:port on a fresh connection and reads the whole answer. An answer that arrives
 * before the body is fully sent (a 413 from a Content-Length) still counts; no answer within `timeoutMs` rejects.
 */
export function sendRaw(port: number, request: RawRequest, timeoutMs = 10_000): Promise<RawAnswer> {
  const headers = { ...request.headers }
  const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body
  if (body && !request.chunked && !hasHeader(headers, 'content-length')) headers['Content-Length'] = String(body.length)
  return new Promise((resolve, reject) => {
    let answered = false
    const req = http.request(
      { host: '127.0.0.1', port, method: request.method, path: request.path, headers, agent: false, setHost: !hasHeader(headers, 'host') },
      (res) => {
        answered = true
        const chunks: Buffer[] = []
        const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', done)
        // A connection closed after an early answer ends the body there (the first of 'end' and 'close' wins).
        res.on('close', done)
      },
    )
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    // The server may close the connection after answering early; only an error before the answer counts.
    req.on('error', (error) => answered || reject(error))
    if (body && request.chunked) {
      for (let offset = 0; offset < body.length; offset += 65_536) req.write(body.subarray(offset, offset + 65_536))
      req.end()
    } else {
      req.end(body)
    }
  })
}
