import type { Endpoint } from './endpoints.js'

/** What one app answered to one request of each endpoint. */
export interface Answer {
  status: number
  bytes: number
  shape: string
}

/** The top-level keys of a JSON answer (and of its first item), or the media type of any other answer. */
function shapeOf(type: string, text: string): string {
  if (!type.includes('json')) return type.split(';')[0] ?? ''
  const value = JSON.parse(text) as Record<string, unknown>
  const items = Array.isArray(value.items) ? ` items[${Object.keys((value.items[0] ?? {}) as object).join(',')}]` : ''
  return Object.keys(value).sort().join(',') + items
}

/** Sends one request of each endpoint to each app, so that a difference in status or shape is seen before any load. */
export async function preflight(urls: Record<string, string>, list: Endpoint[]): Promise<{ lines: string[]; mismatches: string[] }> {
  const lines = ['| endpoint | ' + Object.keys(urls).map((key) => `(${key}) status, bytes`).join(' | ') + ' |', '|---|' + Object.keys(urls).map(() => '--:').join('|') + '|']
  const mismatches: string[] = []
  for (const endpoint of list) {
    const answers: Record<string, Answer> = {}
    for (const [key, url] of Object.entries(urls)) {
      const { path, body } = endpoint.request()
      const response = await fetch(url + path, { method: endpoint.method, body, headers: body ? { 'content-type': 'application/json' } : {} })
      const text = await response.text()
      answers[key] = { status: response.status, bytes: Buffer.byteLength(text), shape: shapeOf(response.headers.get('content-type') ?? '', text) }
    }
    lines.push(`| ${endpoint.label} | ${Object.values(answers).map((a) => `${a.status}, ${a.bytes}`).join(' | ')} |`)
    const shapes = new Set(Object.values(answers).map((a) => (endpoint.status === 404 ? '' : a.shape)))
    const statuses = Object.values(answers).filter((a) => a.status !== endpoint.status)
    if (statuses.length > 0 || shapes.size > 1) {
      mismatches.push(`${endpoint.label}: ${Object.entries(answers).map(([key, a]) => `(${key}) ${a.status} ${a.shape}`).join('; ')}`)
    }
  }
  return { lines, mismatches }
}
