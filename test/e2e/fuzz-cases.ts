import type { RawRequest } from '../support/raw-http.js'

/**
 * The malformed (and a few odd but valid) requests that test/e2e/fuzz.test.ts sends to the served quickstart app,
 * each with the one status the app must answer. The lists are systematic (every route × every defect of a kind),
 * then a seeded random section combines defects with harmless noise; the same seed gives the same requests.
 */

export interface UserRow {
  id: number
  username: string
  email: string | null
}

/** What an accepted request does to the user table. A case without an effect must leave the table as it was. */
export type Effect =
  | { created: { username: string; email: string | null }; notId?: number }
  | { updated: UserRow }
  | { deleted: number }

export interface FuzzCase extends RawRequest {
  group: string
  /** Why the app answers as it does, for failure messages. */
  why: string
  status: number
  effect?: Effect
  /** Answered by Node's HTTP server before the app runs (no app headers, no app error page). */
  outsideApp?: boolean
  /** Text the answer must not contain (e.g. an unescaped script tag). */
  mustNotContain?: string
}

export interface FuzzContext {
  origin: string
  port: number
  /** Rows created before the fuzz: none of them may change, except as a case's effect says. */
  seeds: UserRow[]
  /** A row that accepted edits may change. */
  scratch: UserRow
  /** A row that a JSON post to its delete page tries, and fails, to remove. */
  victim: UserRow
}

/** mulberry32: a small seeded PRNG, so that a failure can be reproduced exactly. */
export function random(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T
  /** A string of `length` characters from ASCII, Latin-1, combining marks, RTL, CJK, emoji and zero-width ranges. */
  const unicode = (length: number) => {
    const ranges = [[0x21, 0x7e], [0xa1, 0xff], [0x300, 0x36f], [0x5d0, 0x5ea], [0x4e00, 0x4fff], [0x1f600, 0x1f64f], [0x200b, 0x200f]] as const
    let text = ''
    for (let i = 0; i < length; i++) {
      const [low, high] = pick(ranges)
      text += String.fromCodePoint(low + int(high - low + 1))
    }
    return text
  }
  return { next, int, pick, unicode }
}

const formType = 'application/x-www-form-urlencoded'
const jsonType = 'application/json'
const boundary = 'fuzzBoundary7MA4YWxkTrZu0gW'
const multipartType = `multipart/form-data; boundary=${boundary}`
/** Over the app's 1 MiB body limit. */
const oversized = 1024 * 1024 + 512

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

function multipart(parts: { name: string; value: string; filename?: string }[]): string {
  const body = parts.map(({ name, value, filename }) => {
    const disposition = `form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}`
    const type = filename ? '\r\nContent-Type: application/octet-stream' : ''
    return `--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n${value}\r\n`
  })
  return `${body.join('')}--${boundary}--\r\n`
}

/** What the app stores for a submitted text field: trimmed, and blank as null for the optional email. */
const stored = (username: string, email?: string | null) => ({ username: username.trim(), email: email?.trim() || null })

/** Ids that cannot name a row: each must be a 404 on every route that takes an id. */
export function badIds(rand: ReturnType<typeof random>): string[] {
  const ids = [
    'abc', '-1', '1.5', '1e3', '0x1', '+1', '0', '00000000000000000000', '99999999999', '2147483648', '2147483000',
    '9'.repeat(300), 'NaN', 'Infinity', 'null', '%D9%A1' /* Arabic-Indic one */, '%EF%BC%91' /* fullwidth one */,
    '%00', '1%00', '%201', '1%20', '1%0A', '%E0%A4' /* invalid UTF-8 */, '..%2f1', '1;2', '1,2', '%F0%9F%98%80',
  ]
  // A few seeded ones: digits with one foreign character somewhere.
  for (let i = 0; i < 3; i++) {
    const digits = String(1 + rand.int(99_999))
    const at = rand.int(digits.length + 1)
    let foreign = rand.unicode(1)
    while (/[0-9]/.test(foreign)) foreign = rand.unicode(1)
    ids.push(digits.slice(0, at) + encodeURIComponent(foreign) + digits.slice(at))
  }
  return ids
}

/** Query strings that the list's schema refuses: a 400 on the page and on the API. */
export const badQueries = [
  'page=0', 'page=-1', 'page=abc', 'page=1.5', 'page=', 'page=1e400', 'page=99999999999999999999', 'page=%00', 'page=1%00',
  'per_page=0', 'per_page=101', 'per_page=1000000', 'per_page=-5', 'per_page=abc', 'per_page=1.5', 'per_page=',
  'sort=unknown', 'sort=email', 'sort=USERNAME', 'sort=--username', 'sort=username,id', 'sort=', 'sort=__proto__', 'sort=constructor',
  'page=1&page=2', 'sort=id&sort=-id', 'per_page=10&per_page=20', 'q=a&q=b', 'q=%00', 'q=a%00b',
]

/** The cross-site ways to post a form: no Origin, foreign origins, and Sec-Fetch-Site without a good Origin. */
function badOrigins({ port, origin }: FuzzContext): Record<string, string>[] {
  return [
    {},
    { Origin: 'null' },
    { Origin: 'http://evil.example' },
    { Origin: `http://localhost:${port}` },
    { Origin: `${origin}/` },
    { Origin: `http://127.0.0.1:${port + 1}` },
    { Origin: `https://127.0.0.1:${port}` },
    { 'Sec-Fetch-Site': 'cross-site' },
    { 'Sec-Fetch-Site': 'same-site', Origin: 'http://evil.example' },
  ]
}

/** Every case, in the order to send them; the same context and seed give the same list. */
export function buildCases(ctx: FuzzContext, seed = 20_251_126): FuzzCase[] {
  const rand = random(seed)
  const cases: FuzzCase[] = []
  const { origin, seeds, scratch, victim } = ctx
  const [first, second, third] = seeds as [UserRow, UserRow, UserRow]
  const good = { Origin: origin }
  let counter = 0
  /** A username no row has: if a refused request wrote it anyway, the table comparison shows it. */
  const fresh = () => `fuzz-${String(++counter).padStart(4, '0')}`
  const add = (group: string, why: string, c: Omit<FuzzCase, 'group' | 'why'>) => cases.push({ group, why, ...c })

  // 1. Wrong methods on every route, with a body that would be valid for the route's own method.
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND']
  const pageRoutes: [string, string[]][] = [
    ['/', ['GET']],
    ['/users', ['GET']],
    ['/users/create', ['GET', 'POST']],
    [`/user/${first.id}`, ['GET']],
    [`/user/${first.id}/edit`, ['GET', 'POST']],
    [`/user/${first.id}/delete`, ['GET', 'POST']],
  ]
  for (const [path, allowed] of pageRoutes) {
    for (const method of methods.filter((m) => !allowed.includes(m))) {
      const checked = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)
      const body = method === 'TRACE' ? undefined : form({ username: fresh() })
      const headers: Record<string, string> = body ? { 'Content-Type': formType } : {}
      add('method', 'no route for this method: 404 (Hono answers an unrouted method as an unknown URL)', { method, path, headers: { ...headers, ...good }, body, status: 404 })
      add('method', checked ? 'a method that can change something, without Origin, fails the CSRF check first: 403' : 'the CSRF check covers POST, PUT, PATCH and DELETE; this one is unrouted: 404', {
        method, path, headers, body, status: checked ? 403 : 404,
      })
    }
  }
  const apiRoutes: [string, string[]][] = [
    ['/api/users', ['GET', 'POST']],
    [`/api/users/${first.id}`, ['GET', 'PATCH', 'DELETE']],
  ]
  for (const [path, allowed] of apiRoutes) {
    for (const method of methods.filter((m) => !allowed.includes(m))) {
      const body = method === 'TRACE' ? undefined : JSON.stringify({ username: fresh() })
      add('method', 'no route for this method under /api: 404 problem+json (no CSRF check on the JSON API)', {
        method, path, headers: body ? { 'Content-Type': jsonType } : {}, body, status: 404,
      })
    }
  }

  // 2. Ids that cannot name a row, on every route that takes one; writes carry a valid body.
  for (const id of badIds(rand)) {
    const formHeaders = { 'Content-Type': formType, ...good }
    add('id', 'bad or missing id: 404', { method: 'GET', path: `/user/${id}`, status: 404 })
    add('id', 'bad or missing id: 404', { method: 'GET', path: `/user/${id}/edit`, status: 404 })
    add('id', 'bad or missing id: 404', { method: 'GET', path: `/user/${id}/delete`, status: 404 })
    add('id', 'valid form, bad or missing id: 404', { method: 'POST', path: `/user/${id}/edit`, headers: formHeaders, body: form({ username: fresh() }), status: 404 })
    add('id', 'bad or missing id: 404', { method: 'POST', path: `/user/${id}/delete`, headers: formHeaders, body: '', status: 404 })
    add('id', 'bad or missing id: 404', { method: 'GET', path: `/api/users/${id}`, status: 404 })
    add('id', 'valid JSON, bad or missing id: 404', {
      method: 'PATCH', path: `/api/users/${id}`, headers: { 'Content-Type': jsonType }, body: JSON.stringify({ username: fresh() }), status: 404,
    })
    add('id', 'bad or missing id: 404', { method: 'DELETE', path: `/api/users/${id}`, status: 404 })
  }
  add('id', 'a leading zero is not the same row: one URL per row (parseId: digits, no leading zero)', { method: 'GET', path: `/user/0${first.id}`, status: 404 })
  add('id', 'a leading zero is not the same row: one URL per row', { method: 'GET', path: `/api/users/0${first.id}`, status: 404 })
  add('id', 'body validation runs before the id is read: 422 for a bad body on a bad id', {
    method: 'PATCH', path: '/api/users/abc', headers: { 'Content-Type': jsonType }, body: '{"username":5}', status: 422,
  })
  add('id', 'form validation runs before the id is read: 422 for a blank username on a missing id', {
    method: 'POST', path: '/user/2147483000/edit', headers: { 'Content-Type': formType, ...good }, body: form({ username: '' }), status: 422,
  })

  // 3. Query strings of the list, on the page and the API.
  for (const path of ['/users', '/api/users']) {
    for (const query of badQueries) add('query', 'a query string the schema refuses: 400', { method: 'GET', path: `${path}?${query}`, status: 400 })
    for (const query of ['page=1000000', 'page=1000000&per_page=100', 'page=1e6']) {
      add('query', 'a page past the end: 404', { method: 'GET', path: `${path}?${query}`, status: 404 })
    }
    const valid = [
      'page=1e0', 'page=%201', 'page=01', 'per_page=0x10', 'per_page=100', 'page=2', 'sort=-id&q=seed', 'q=%25', 'q=_',
      `q=${'x'.repeat(2000)}`, 'q=%ZZ', 'q=%F0%9F%98%80', 'q=%20%20', 'foo=bar', 'page[]=2', 'q[]=x', `q=${encodeURIComponent(rand.unicode(12))}`,
    ]
    for (const query of valid) {
      add('query', 'valid: Number() reads the value, unknown keys are ignored, q is any text', { method: 'GET', path: `${path}?${query}`, status: 200 })
    }
    add('query', 'valid, and the filter text is escaped in the page', {
      method: 'GET', path: `${path}?q=${encodeURIComponent('<script>alert(1)</script>')}`, status: 200, mustNotContain: '<script>alert(1)',
    })
    add('query', "a request line over Node's 16 KiB header limit: 431 from Node", {
      method: 'GET', path: `${path}?q=${'x'.repeat(20_000)}`, status: 431, outsideApp: true,
    })
  }

  // 4. Form posts from another site: every page that takes a post, every form content type.
  const formPosts: [string, () => string][] = [
    ['/users/create', () => fresh()],
    [`/user/${scratch.id}/edit`, () => fresh()],
    [`/user/${second.id}/delete`, () => ''],
  ]
  for (const [path, username] of formPosts) {
    for (const headers of badOrigins(ctx)) {
      // A new username for each body, so that each one would write a row of its own if the check let it through.
      const [a, b, c] = [username(), username(), username()]
      const bodies: [string, string][] = [
        [formType, form(a ? { username: a } : {})],
        [multipartType, multipart(b ? [{ name: 'username', value: b }] : [])],
        ['text/plain', c ? `username=${c}` : ''],
      ]
      for (const [type, body] of bodies) {
        // The pages read only forms, so text/plain is refused before the origin is even looked at.
        const status = type === 'text/plain' ? 415 : 403
        add('csrf', `a ${type} post without this origin: ${status}`, { method: 'POST', path, headers: { 'Content-Type': type, ...headers }, body, status })
      }
    }
    add('csrf', 'no Content-Type: not a form, 415', { method: 'POST', path, body: '', status: 415 })
  }
  add('csrf', 'a JSON body to a page is not a form: 415', {
    method: 'POST', path: '/users/create', headers: { 'Content-Type': jsonType }, body: JSON.stringify({ username: fresh() }), status: 415,
  })
  add('csrf', 'the same on edit: 415', {
    method: 'POST', path: `/user/${scratch.id}/edit`, headers: { 'Content-Type': jsonType }, body: JSON.stringify({ username: fresh() }), status: 415,
  })
  add('csrf', 'a JSON post to a delete page, which hono/csrf alone would not check, is not a form: 415, nothing deleted', {
    method: 'POST', path: `/user/${victim.id}/delete`, headers: { 'Content-Type': jsonType }, body: '{}', status: 415,
  })

  // 5. Form bodies from this site's own pages: create, and edit of the scratch row.
  const formCases: [string, string, string, number][] = [
    ['no username', formType, form({ email: 'x@example.com' }), 422],
    ['blank username', formType, form({ username: '', email: 'kept@example.com' }), 422],
    ['whitespace username', formType, form({ username: '   ' }), 422],
    ['two usernames (an array)', formType, `username=${fresh()}&username=${fresh()}`, 422],
    ['username[] (an array under another key)', formType, `username[]=${fresh()}`, 422],
    ['two emails (an array)', formType, `username=${fresh()}&email=a@example.com&email=b@example.com`, 422],
    ['a taken username', formType, form({ username: third.username }), 422],
    ['the username as a file upload', multipartType, multipart([{ name: 'username', value: fresh(), filename: 'name.txt' }]), 422],
    ['text/plain', 'text/plain', `username=${fresh()}`, 415],
    ['no content type', '', `username=${fresh()}`, 415],
    ['multipart without a boundary', 'multipart/form-data', `username=${fresh()}`, 400],
    ['truncated multipart', multipartType, `--${boundary}\r\nContent-Disposition: form-data; name="username"\r\n\r\n${fresh()}`, 400],
  ]
  for (const path of ['/users/create', `/user/${scratch.id}/edit`]) {
    for (const [what, type, body, status] of formCases) {
      add('form', `${what}: ${status}`, { method: 'POST', path, headers: { ...(type && { 'Content-Type': type }), ...good }, body, status })
    }
    const huge = form({ username: 'x'.repeat(oversized) })
    add('form', 'over 1 MiB, by Content-Length: 413', { method: 'POST', path, headers: { 'Content-Type': formType, ...good }, body: huge, status: 413 })
    add('form', 'over 1 MiB, chunked: 413', { method: 'POST', path, headers: { 'Content-Type': formType, ...good }, body: huge, chunked: true, status: 413 })
  }
  add('form', 'a NUL inside the username (no database stores it as it is): 422', {
    method: 'POST', path: '/users/create', headers: { 'Content-Type': formType, ...good }, body: form({ username: `nul\u0000${fresh()}` }), status: 422,
  })
  add('form', 'edit to a username another row has: 422', {
    method: 'POST', path: `/user/${scratch.id}/edit`, headers: { 'Content-Type': formType, ...good }, body: form({ username: first.username }), status: 422,
  })
  const validForms: [string, string, string][] = [
    ['unicode', formType, form({ username: `ünï 😀 中文 ${fresh()}`, email: 'ü@example.com' })],
    ['seeded unicode', formType, form({ username: rand.unicode(16) + fresh() })],
    ['seeded unicode', formType, form({ username: rand.unicode(40) + fresh(), email: rand.unicode(8) })],
    ['padded with spaces (trimmed)', formType, form({ username: `   ${fresh()}   `, email: '  pad@example.com  ' })],
    ['a blank email (stored as null)', formType, form({ username: fresh(), email: '' })],
    ['percent-encoding that is not UTF-8 (decoded as the browser does)', formType, `username=${fresh()}%E0%A4%A&email=%`],
    ['markup in the username', formType, form({ username: `<script>alert(1)</script>${fresh()}` })],
    ['100 KB username (no length limit on a plain string)', formType, form({ username: 'y'.repeat(100_000) + fresh() })],
    ['multipart', multipartType, multipart([{ name: 'username', value: fresh() }, { name: 'email', value: 'multi@example.com' }])],
  ]
  for (const [what, type, body] of validForms) {
    const values = type === formType ? new URLSearchParams(body) : undefined
    const username = values ? (values.get('username') ?? '') : (/name="username"\r\n\r\n(.*)\r\n/.exec(body)?.[1] ?? '')
    const email = values ? values.get('email') : /name="email"\r\n\r\n(.*)\r\n/.exec(body)?.[1]
    add('form', `valid, ${what}: 303 to the new row`, {
      method: 'POST', path: '/users/create', headers: { 'Content-Type': type, ...good }, body, status: 303, effect: { created: stored(username, email) },
    })
  }
  {
    const username = fresh()
    add('form', 'valid, extra fields (id, admin) are ignored, not stored: 303', {
      method: 'POST', path: '/users/create', headers: { 'Content-Type': formType, ...good },
      body: form({ id: '999999', username, admin: 'on', 'email[x]': 'y' }), status: 303, effect: { created: stored(username), notId: 999_999 },
    })
    const renamed = fresh()
    add('form', 'valid edit of the scratch row: 303', {
      method: 'POST', path: `/user/${scratch.id}/edit`, headers: { 'Content-Type': formType, ...good },
      body: form({ username: renamed, email: 'edited@example.com' }), status: 303, effect: { updated: { id: scratch.id, ...stored(renamed, 'edited@example.com') } },
    })
    add('form', 'valid edit, extra field id is ignored: 303', {
      method: 'POST', path: `/user/${scratch.id}/edit`, headers: { 'Content-Type': formType, ...good },
      body: form({ id: '999998', username: renamed, email: '' }), status: 303, effect: { updated: { id: scratch.id, ...stored(renamed, '') } },
    })
  }

  // 6. JSON bodies on the API: create, and update of the scratch row.
  const malformed: [string, string | Buffer][] = [
    ['unterminated object', '{'], ['unterminated value', '{"username":'], ['trailing comma', `{"username":"${fresh()}",}`],
    ['single quotes', `{'username':'${fresh()}'}`], ['undefined', 'undefined'], ['NaN', 'NaN'], ['empty body', ''], ['only spaces', '   '],
    ['a NUL byte', '\u0000'], ['invalid UTF-8 bytes', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])], ['trailing garbage', `{"username":"${fresh()}"} x`],
    ['invalid escape', '{"username":"\\x41"}'], ['a form body', `username=${fresh()}`],
  ]
  const wrongTyped: [string, unknown][] = [
    ['an array', []], ['null', null], ['a number', 1], ['a string', 'str'], ['true', true],
    ['username a number', { username: 1 }], ['username true', { username: true }], ['username null', { username: null }],
    ['username an array', { username: [fresh()] }], ['username an object', { username: { toString: fresh() } }],
    ['email a number', { username: fresh(), email: 5 }], ['email false', { username: fresh(), email: false }],
    ['email an array', { username: fresh(), email: [] }], ['username blank', { username: '' }], ['username spaces', { username: '  \t ' }],
  ]
  for (const [path, method] of [['/api/users', 'POST'], [`/api/users/${scratch.id}`, 'PATCH']] as const) {
    const headers = { 'Content-Type': jsonType }
    for (const [what, body] of malformed) add('json', `malformed JSON (${what}): 400`, { method, path, headers, body, status: 400 })
    for (const [what, value] of wrongTyped) add('json', `wrongly typed (${what}): 422`, { method, path, headers, body: JSON.stringify(value), status: 422 })
    add('json', 'Infinity (1e309) as the username: 422', { method, path, headers, body: '{"username":1e309}', status: 422 })
    add('json', 'a username nested 100,000 arrays deep: 422', {
      method, path, headers, body: `{"username":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, status: 422,
    })
    const valid = JSON.stringify({ username: fresh() })
    for (const type of ['text/plain', formType, 'text/json', 'application/json-seq', 'application/jsonx', '']) {
      add('json', `a JSON body sent as "${type || 'no content type'}" is not JSON to the API: 415`, {
        method, path, headers: type ? { 'Content-Type': type } : {}, body: valid, status: 415,
      })
    }
    add('json', 'over 1 MiB, by Content-Length: 413', { method, path, headers, body: JSON.stringify({ username: 'x'.repeat(oversized) }), status: 413 })
    add('json', 'over 1 MiB, chunked: 413', { method, path, headers, body: JSON.stringify({ username: 'x'.repeat(oversized) }), chunked: true, status: 413 })
    add('json', 'a taken username: 409', { method, path, headers, body: JSON.stringify({ username: third.username }), status: 409 })
    add('json', 'duplicate keys, the last one (taken) wins: 409', { method, path, headers, body: `{"username":"${fresh()}","username":"${third.username}"}`, status: 409 })
  }
  add('json', 'a NUL inside the username: 422', { method: 'POST', path: '/api/users', headers: { 'Content-Type': jsonType }, body: JSON.stringify({ username: `nul\u0000${fresh()}` }), status: 422 })
  add('json', 'an unpaired surrogate in the username: 422', { method: 'POST', path: '/api/users', headers: { 'Content-Type': jsonType }, body: JSON.stringify({ username: `\ud800${fresh()}` }), status: 422 })
  add('json', 'POST without a username: 422', { method: 'POST', path: '/api/users', headers: { 'Content-Type': jsonType }, body: '{"email":"e@example.com"}', status: 422 })
  add('json', '50,000 unknown keys and no username: 422', {
    method: 'POST', path: '/api/users', headers: { 'Content-Type': jsonType },
    body: JSON.stringify(Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]))), status: 422,
  })
  add('json', '__proto__ holding the username is not the username: 422', {
    method: 'POST', path: '/api/users', headers: { 'Content-Type': jsonType }, body: `{"__proto__":{"username":"${fresh()}"}}`, status: 422,
  })
  add('json', 'PATCH with an empty object changes nothing: 200', { method: 'PATCH', path: `/api/users/${scratch.id}`, headers: { 'Content-Type': jsonType }, body: '{}', status: 200 })
  const jsonCreates: { what: string; body: string; created: { username: string; email: string | null }; headers?: Record<string, string> }[] = []
  for (const [what, type] of [['charset=utf-8', `${jsonType}; charset=utf-8`], ['upper case', 'APPLICATION/JSON'], ['a +json type', 'application/problem+json']] as const) {
    const username = fresh()
    jsonCreates.push({ what: `content type ${what}`, headers: { 'Content-Type': type }, body: JSON.stringify({ username }), created: stored(username) })
  }
  {
    const [foreign, bom, padded, seeded, proto] = [fresh(), fresh(), fresh(), `${rand.unicode(20)}${fresh()}`, fresh()]
    jsonCreates.push(
      {
        what: 'a foreign Origin (no CSRF check on the API: it reads only JSON, which another site cannot send without a preflight)',
        headers: { 'Content-Type': jsonType, Origin: 'http://evil.example' }, body: JSON.stringify({ username: foreign }), created: stored(foreign),
      },
      { what: 'a byte order mark before the JSON', body: `\uFEFF${JSON.stringify({ username: bom })}`, created: stored(bom) },
      { what: 'padded with spaces (trimmed)', body: JSON.stringify({ username: `  ${padded}  `, email: ' p@example.com ' }), created: stored(padded, 'p@example.com') },
      { what: 'seeded unicode', body: JSON.stringify({ username: seeded, email: 'u@example.com' }), created: stored(seeded, 'u@example.com') },
      { what: '__proto__ beside the username is ignored', body: `{"username":"${proto}","__proto__":{"admin":true}}`, created: stored(proto) },
    )
  }
  for (const { what, headers = { 'Content-Type': jsonType }, body, created } of jsonCreates) {
    add('json', `valid, ${what}: 201`, { method: 'POST', path: '/api/users', headers, body, status: 201, effect: { created } })
  }
  {
    const username = fresh()
    add('json', 'valid, an id in the body is ignored: 201', {
      method: 'POST', path: '/api/users', headers: { 'Content-Type': jsonType }, body: JSON.stringify({ id: 999_997, username }), status: 201,
      effect: { created: stored(username), notId: 999_997 },
    })
    const renamed = fresh()
    add('json', 'valid PATCH of the scratch row: 200', {
      method: 'PATCH', path: `/api/users/${scratch.id}`, headers: { 'Content-Type': jsonType }, body: JSON.stringify({ username: renamed, email: null }), status: 200,
      effect: { updated: { id: scratch.id, username: renamed, email: null } },
    })
  }

  // 7. Odd paths and headers.
  const notFound = [
    '/../../etc/passwd', '/users/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/users/%5c..%5c..%5cetc%5cpasswd',
    '/users/', '/USERS', '/users;x=1', '//users', '/api', '/api/', '/api/users/', '/user', '/user/', `/user/${first.id}/edit/`, '/users/create/',
    '/favicon.ico', '/.env', '/prisma/schema.prisma', '/src/app.ts', '/dev.db', '/node_modules/.bin/tsx', '/%00', '/users%00',
  ]
  for (const path of notFound) add('path', 'no such route: 404', { method: 'GET', path, status: 404 })
  add('path', 'dot segments resolve as in a browser: /users/../api/users is /api/users (200)', { method: 'GET', path: '/users/../api/users', status: 200 })
  add('path', '/user/%2e%2e resolves to / and redirects to the list (302)', { method: 'GET', path: '/user/%2e%2e', status: 302 })
  add('path', '@hono/node-server refuses a backslash in the path: 400 before the app runs', {
    method: 'GET', path: '/users/..\\..\\etc\\passwd', status: 400, outsideApp: true,
  })
  add('path', 'an absolute-form request target is served by its path: 200', { method: 'GET', path: 'http://evil.example/users', status: 200 })
  for (const host of ['[::1', 'a b', 'x:99999', 'x:abc']) {
    add('header', `an invalid Host header (${host}): 400 before the app runs`, { method: 'GET', path: '/users', headers: { Host: host }, status: 400, outsideApp: true })
  }

  // 8. Seeded random: one defect on a valid request of a random route, plus noise that must not matter.
  const ids = badIds(rand)
  const noise = (): Record<string, string> => ({
    'X-Fuzz': rand.unicode(8).replace(/[^\x21-\x7e]/g, '~'),
    Accept: rand.pick(['*/*', 'text/html', 'application/json', 'application/problem+json', 'image/png;q=0.1']),
    Cookie: `session=${rand.int(1e9)}`,
    'Accept-Language': rand.pick(['en', 'de-CH', 'zh-Hant-TW', '*']),
  })
  type Template = { method: string; path: (id: string) => string; body?: () => string; type?: string; page: boolean; list?: boolean; hasId?: boolean }
  const templates: Template[] = [
    { method: 'GET', path: () => '/users', page: true, list: true },
    { method: 'GET', path: () => '/api/users', page: false, list: true },
    { method: 'POST', path: () => '/users/create', body: () => form({ username: fresh() }), type: formType, page: true },
    { method: 'POST', path: (id) => `/user/${id}/edit`, body: () => form({ username: fresh() }), type: formType, page: true, hasId: true },
    { method: 'POST', path: (id) => `/user/${id}/delete`, body: () => '', type: formType, page: true, hasId: true },
    { method: 'GET', path: (id) => `/user/${id}`, page: true, hasId: true },
    { method: 'POST', path: () => '/api/users', body: () => JSON.stringify({ username: fresh() }), type: jsonType, page: false },
    { method: 'PATCH', path: (id) => `/api/users/${id}`, body: () => JSON.stringify({ username: fresh() }), type: jsonType, page: false, hasId: true },
    { method: 'DELETE', path: (id) => `/api/users/${id}`, page: false, hasId: true },
  ]
  for (let i = 0; i < 80; i++) {
    const t = rand.pick(templates)
    const defects = [
      ...(t.hasId ? ['id'] : []),
      ...(t.list ? ['query'] : []),
      ...(t.page && t.method === 'POST' ? ['origin'] : []),
      ...(t.body ? ['size'] : []),
      ...(t.body && t.type === jsonType ? ['json'] : []),
      ...(t.body && t.type === formType && !t.path('1').endsWith('/delete') ? ['form'] : []),
    ]
    const defect = rand.pick(defects)
    // Not the row whose username the 'form' defect's "taken username" body names: that edit would be valid.
    const id = defect === 'id' ? rand.pick(ids) : String(rand.pick(seeds.filter((row) => row.id !== third.id)).id)
    let path = t.path(id)
    let headers: Record<string, string> = { ...noise(), ...(t.type && { 'Content-Type': t.type }), ...(t.page && good) }
    let body = t.body?.()
    let status = 404
    if (defect === 'query') {
      path += `?${rand.pick(badQueries)}`
      status = 400
    } else if (defect === 'origin') {
      const type = rand.pick([formType, multipartType, 'text/plain'])
      headers = { ...noise(), 'Content-Type': type, ...rand.pick(badOrigins(ctx)) }
      status = type === 'text/plain' ? 415 : 403
    } else if (defect === 'size') {
      body = t.type === jsonType ? JSON.stringify({ username: 'x'.repeat(oversized) }) : form({ username: 'x'.repeat(oversized) })
      status = 413
    } else if (defect === 'json') {
      const [, value] = rand.pick(wrongTyped)
      body = JSON.stringify(value)
      status = 422
    } else if (defect === 'form') {
      body = rand.pick(formCases.filter(([, type, , code]) => type === formType && code === 422))[2]
      status = 422
    }
    if (!t.list && rand.next() < 0.5) path += `${path.includes('?') ? '&' : '?'}zz=${encodeURIComponent(rand.unicode(4))}`
    add('random', `seeded #${i}: ${defect} defect on ${t.method} ${t.path(':id')}: ${status}`, { method: t.method, path, headers, body, status })
  }
  return cases
}
