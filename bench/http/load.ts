import autocannon, { type Result } from 'autocannon'
import { watchOthers } from './cpu.js'
import type { Endpoint } from './endpoints.js'

/** What one bounded load run measured. */
export interface Measurement {
  rps: number
  p50: number
  p99: number
  requests: number
  /** Answers with another status than the endpoint's, plus socket errors and timeouts. */
  unexpected: number
  /** Cores kept busy by other processes on the machine meanwhile (see cpu.ts). */
  others: number
}

/** Above this many cores used by other processes, a measurement is taken again (once at most, to keep runs bounded). */
export const quietEnough = 0.25
const retries = 1

export const connections = 32

/**
 * Loads `url` with `connections` connections for `seconds`, each request built anew by the endpoint.
 * When other processes used more than `quietEnough` cores meanwhile, waits and measures again, and keeps
 * the quietest of the tries.
 */
export async function load(url: string, endpoint: Endpoint, seconds: number, serverPid: number): Promise<Measurement> {
  let best = await loadOnce(url, endpoint, seconds, serverPid)
  for (let i = 0; i < retries && best.others > quietEnough; i++) {
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const next = await loadOnce(url, endpoint, seconds, serverPid)
    if (next.others < best.others) best = next
  }
  return best
}

export async function loadOnce(url: string, endpoint: Endpoint, seconds: number, serverPid: number): Promise<Measurement> {
  const watch = watchOthers(serverPid)
  const result: Result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: endpoint.method,
        setupRequest: (request) => {
          const { path, body } = endpoint.request()
          return body === undefined ? { ...request, path } : { ...request, path, body, headers: { 'content-type': 'application/json' } }
        },
      },
    ],
  })
  const expected = result.statusCodeStats[String(endpoint.status)]?.count ?? 0
  const answered = Object.values(result.statusCodeStats).reduce((sum, { count }) => sum + count, 0)
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    unexpected: answered - expected + result.errors + result.timeouts,
    others: watch.done(),
  }
}

/**
 * Measures one endpoint on each server in turn, starting with the `index`-th so that no server always comes first
 * (callers pass the endpoint's position); the results are in the servers' order.
 */
export async function loadInTurn(servers: { url: string; pid: number }[], endpoint: Endpoint, index: number, warmup: number, seconds: number): Promise<Measurement[]> {
  const results: Measurement[] = []
  for (let i = 0; i < servers.length; i++) {
    const which = (index + i) % servers.length
    const server = servers[which]!
    if (warmup > 0) await loadOnce(server.url, endpoint, warmup, server.pid)
    results[which] = await load(server.url, endpoint, seconds, server.pid)
  }
  return results
}
