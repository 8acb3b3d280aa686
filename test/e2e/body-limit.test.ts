import http from 'node:http'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateApp } from '../support/generated-app.js'
import type { RunningApp } from '../support/server.js'

/**
 * A body over the 1 MiB limit, sent by keep-alive clients to the served quickstart app: Node's fetch (undici,
 * its default pool) and node:http with a keep-alive Agent. Each oversized body must get its 413 with
 * `Connection: close`, never a reset, and the small request after it must succeed on a new connection
 * (before the fix about half of them got a reset, or the next request on the poisoned connection did).
 */
describe('413 for an oversized body, to keep-alive clients', () => {
  let app: RunningApp
  const rounds = 20
  const MiB = 1024 * 1024

  beforeAll(async () => {
    app = await generateApp('quickstart', ['--yes']).start('dev')
  })

  afterAll(async () => {
    await app?.stop()
  })

  interface Send {
    path: string
    headers: Record<string, string>
    body: string
  }
  /** A kind of body: one over the limit, and a valid small one (with a username of its own) answered with `ok`. */
  const kinds = {
    json: {
      headers: { 'Content-Type': 'application/json' },
      path: '/api/users',
      body: (username: string) => JSON.stringify({ username }),
      ok: 201,
    },
    form: {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      path: '/users/create',
      body: (username: string) => new URLSearchParams({ username }).toString(),
      ok: 303,
    },
  }
  type Kind = keyof typeof kinds
  const requests = (kind: Kind, username: string, size: number): { big: Send; small: Send } => {
    const { path, body } = kinds[kind]
    // The pages take form posts from their own site only: Origin passes the CSRF check, as a browser's does.
    const headers = { ...kinds[kind].headers, Origin: app.url }
    return { big: { path, headers, body: body('x'.repeat(size)) }, small: { path, headers, body: body(username) } }
  }

  interface Answer {
    status: number
    connection: string | null
    /** node:http only: whether the request went on a connection that an earlier request had used. */
    reused?: boolean
  }

  const viaFetch = async ({ path, headers, body }: Send): Promise<Answer> => {
    const response = await fetch(app.url + path, { method: 'POST', headers, body, redirect: 'manual' })
    await response.arrayBuffer()
    return { status: response.status, connection: response.headers.get('connection') }
  }

  const viaAgent = (agent: http.Agent) => ({ path, headers, body }: Send) =>
    new Promise<Answer>((resolve, reject) => {
      const options = { agent, method: 'POST', headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } }
      const request = http.request(app.url + path, options, (response) => {
        response.resume()
        const { statusCode = 0, headers: { connection = null } } = response
        response.on('end', () => resolve({ status: statusCode, connection, reused: request.reusedSocket }))
      })
      request.on('error', reject)
      request.end(body)
    })

  /** Sends `count` pairs (a body of about `size` bytes, then a small valid request), and reports what came back. */
  async function run(kind: Kind, client: string, send: (request: Send) => Promise<Answer>, { count = rounds, size = 2 * MiB } = {}) {
    const big: Answer[] = []
    const small: Answer[] = []
    const errors: string[] = []
    for (let i = 0; i < count; i++) {
      const pair = requests(kind, `${kind}-${client}-${size}-${i}`, size)
      for (const [request, answers] of [[pair.big, big], [pair.small, small]] as const) {
        try {
          answers.push(await send(request))
        } catch (error) {
          const cause = (error as { cause?: { code?: string } }).cause
          errors.push(`round ${i}: ${(error as NodeJS.ErrnoException).code ?? cause?.code ?? String(error)}`)
        }
      }
    }
    return { big, small, errors }
  }

  for (const kind of ['json', 'form'] as const) {
    it(`${kind}: fetch gets ${rounds} × 413 with Connection: close, and the request after each succeeds`, async () => {
      const { big, small, errors } = await run(kind, 'fetch', viaFetch)
      expect(errors).toEqual([])
      expect(big).toEqual(Array(rounds).fill({ status: 413, connection: 'close' }))
      expect(small.map((answer) => answer.status)).toEqual(Array(rounds).fill(kinds[kind].ok))
    })

    it(`${kind}: a keep-alive http.Agent gets the same, and the request after each 413 goes on a new connection`, async () => {
      const agent = new http.Agent({ keepAlive: true })
      try {
        const { big, small, errors } = await run(kind, 'agent', viaAgent(agent))
        expect(errors).toEqual([])
        expect(big.map(({ status, connection }) => ({ status, connection }))).toEqual(Array(rounds).fill({ status: 413, connection: 'close' }))
        expect(small.map((answer) => answer.status)).toEqual(Array(rounds).fill(kinds[kind].ok))
        // The agent keeps connections: each oversized body after the first goes on the previous small request's.
        expect(big.slice(1).every((answer) => answer.reused)).toBe(true)
        // The server closed the connection after each 413, so the agent had to open a new one.
        expect(small.map((answer) => answer.reused)).toEqual(Array(rounds).fill(false))
      } finally {
        agent.destroy()
      }
    })
  }

  // Unless the server reads the rest of the body first, closing after the 413 resets the connection under a
  // client still sending, which then often loses the 413: rarely at 2 MiB on loopback, about every other time at 8 MiB.
  it('fetch gets its 413 for a body at 8 MiB too, 10 times out of 10', async () => {
    const { big, small, errors } = await run('json', 'fetch', viaFetch, { count: 10, size: 8 * MiB })
    expect(errors).toEqual([])
    expect(big).toEqual(Array(10).fill({ status: 413, connection: 'close' }))
    expect(small.map((answer) => answer.status)).toEqual(Array(10).fill(201))
  })

  /** fetch with a body it streams: sent chunked, with no Content-Length, so the server finds the size as it reads. */
  const viaFetchChunked = async ({ path, headers, body }: Send): Promise<Answer> => {
    const bytes = new TextEncoder().encode(body)
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 64 * 1024) controller.enqueue(bytes.subarray(offset, offset + 64 * 1024))
        controller.close()
      },
    })
    const response = await fetch(app.url + path, { method: 'POST', headers, body: stream, duplex: 'half', redirect: 'manual' } as RequestInit)
    await response.arrayBuffer()
    return { status: response.status, connection: response.headers.get('connection') }
  }

  it(`a chunked body (no Content-Length): fetch gets ${rounds} × 413 with Connection: close, and the request after each succeeds`, async () => {
    const { big, small, errors } = await run('json', 'chunked', viaFetchChunked)
    expect(errors).toEqual([])
    expect(big).toEqual(Array(rounds).fill({ status: 413, connection: 'close' }))
    expect(small.map((answer) => answer.status)).toEqual(Array(rounds).fill(201))
  })

  it('reads a chunked body under the limit as any other', async () => {
    const { small } = requests('json', 'chunked-small', 0)
    const padded = { ...small, body: JSON.stringify({ username: 'chunked-padded', email: null, padding: 'p'.repeat(512 * 1024) }) }
    expect(await viaFetchChunked(padded)).toMatchObject({ status: 201 })
    expect(await viaFetchChunked(small)).toMatchObject({ status: 201 })
  })

  it('logs nothing when a client hangs up while its oversized body is being read', async () => {
    const { port } = new URL(app.url)
    const logged = app.output().length
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve, reject) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => {
          socket.write(`POST /api/users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${8 * MiB}\r\n\r\n`)
          socket.write('x'.repeat(2 * MiB), () => setTimeout(() => socket.destroy(), 50))
        })
        socket.on('error', reject)
        socket.on('close', () => resolve())
      })
    }
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200)
    expect(app.output().slice(logged)).toBe('')
  })
})
