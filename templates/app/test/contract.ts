import { Ajv2020 } from 'ajv/dist/2020.js'
import { expect } from 'vitest'

type Operation = { responses: Record<string, { content?: Record<string, unknown> }> }
type Document = { paths: Record<string, Record<string, Operation>> }

/** A JSON Pointer into the document, as a URI fragment (`/` in a segment is `~1`, `~` is `~0`). */
const pointer = (...segments: string[]) => `#/${segments.map((segment) => encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/')}`

/** Whether a path is one of a path template's: each `{name}` stands for one segment. */
const matches = (template: string, path: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path)

/**
 * A `fetch` that calls the app in-process and checks each response of the JSON API against the app's OpenAPI
 * document (GET /api/openapi.json): the route, its status and its content type must be in the document, and the
 * body must match the document's schema. A response the document does not describe fails the test, so the
 * document cannot drift from what the routes do.
 */
export async function checkedFetch(app: { request: (request: Request) => Response | Promise<Response> }) {
  const document = (await (await app.request(new Request('http://localhost/api/openapi.json'))).json()) as Document
  // zod writes a pattern beside each format it emits, so formats need no checking of their own.
  const ajv = new Ajv2020({ strict: false, validateFormats: false, validateSchema: false })
  ajv.addSchema(document, 'openapi')

  function check(method: string, path: string, response: Response, body: string) {
    const template = Object.keys(document.paths).find((candidate) => matches(candidate, path))
    const operation = template ? document.paths[template]?.[method] : undefined
    expect(operation, `${method.toUpperCase()} ${path} is in the OpenAPI document`).toBeTruthy()
    const described = operation!.responses[response.status]
    expect(described, `${method.toUpperCase()} ${path}: the document describes status ${response.status}`).toBeTruthy()
    const type = response.headers.get('content-type')?.split(';')[0]
    if (!type) return expect(body, `${method.toUpperCase()} ${path}: no content type, no body`).toBe('')
    expect(Object.keys(described!.content ?? {}), `${method.toUpperCase()} ${path} ${response.status}: content types`).toContain(type)
    const validate = ajv.getSchema(`openapi${pointer('paths', template!, method, 'responses', String(response.status), 'content', type, 'schema')}`)!
    const valid = validate(JSON.parse(body))
    expect(validate.errors ?? [], `${method.toUpperCase()} ${path} ${response.status}: the body matches the document`).toEqual([])
    expect(valid).toBe(true)
  }

  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(new URL(input, 'http://localhost'), init)
    const response = await app.request(request)
    const { pathname } = new URL(request.url)
    if (pathname.startsWith('/api/')) check(request.method.toLowerCase(), pathname, response, await response.clone().text())
    return response
  }
}
