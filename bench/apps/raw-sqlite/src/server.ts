// Users over Hono and better-sqlite3 with prepared statements, HTML from template strings: the limit
// of this stack, against which the generated app and the obvious Prisma app are measured.
import { serve } from '@hono/node-server'
import Database from 'better-sqlite3'
import { Hono } from 'hono'

interface User {
  id: number
  username: string
  email: string | null
}

const file = (process.env.DATABASE_URL ?? 'file:./dev.db').replace(/^file:/, '')
const db = new Database(file)
const perPage = 20

const countUsers = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM "user"')
const pageOfUsers = db.prepare<[number, number], User>('SELECT id, username, email FROM "user" ORDER BY username LIMIT ? OFFSET ?')
const userById = db.prepare<[number], User>('SELECT id, username, email FROM "user" WHERE id = ?')
const insertUser = db.prepare<[string, string | null], User>('INSERT INTO "user" (username, email) VALUES (?, ?) RETURNING id, username, email')

const style = `
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 56rem; margin: 0 auto; padding: 0 1rem; color: #222; }
  body > nav { display: flex; gap: 1rem; padding: 1rem 0; border-bottom: 1px solid #ddd; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #eee; }
  label { display: block; margin: .8rem 0; }
  input, textarea, select { display: block; width: 100%; max-width: 30rem; padding: .3rem; font: inherit; }
  button { font: inherit; padding: .3rem .8rem; }
  input[type=checkbox] { display: inline; width: auto; }
  .error { color: #b00020; }
  .actions { display: flex; gap: 1rem; align-items: center; }
  .actions form { display: flex; gap: .5rem; margin-left: auto; }
  .pagination { display: flex; gap: .6rem; margin: 1rem 0; }
`

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escape = (value: unknown) => String(value ?? '—').replace(/[&<>"']/g, (c) => escapes[c] ?? c)

const layout = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>${escape(title)}</title><style>${style}</style></head><body><nav><a href="/users">Users</a></nav><main><h1>${escape(title)}</h1>${body}</main></body></html>`

function pagination(page: number, pages: number): string {
  let links = page > 1 ? `<a href="/users?page=${page - 1}" rel="prev">Previous</a>` : '<span>Previous</span>'
  for (let n = 1; n <= pages; n++) {
    if (n !== 1 && n !== pages && Math.abs(n - page) > 2) continue
    links += n === page ? `<strong aria-current="page">${n}</strong>` : `<a href="/users?page=${n}">${n}</a>`
  }
  links += page < pages ? `<a href="/users?page=${page + 1}" rel="next">Next</a>` : '<span>Next</span>'
  return `<nav class="pagination" aria-label="Pages">${links}</nav>`
}

function listPage(pageParam: string | undefined) {
  const page = Math.max(1, Number(pageParam) || 1)
  const total = countUsers.get()?.n ?? 0
  const items = pageOfUsers.all(perPage, (page - 1) * perPage)
  return { items, page, per_page: perPage, total, pages: Math.max(1, Math.ceil(total / perPage)) }
}

const parseId = (value: string) => (/^[0-9]{1,10}$/.test(value) ? Number(value) : 0)
const notFoundPage = layout('404 Not Found', '<p><a href="/">Back to the start</a></p>')

const app = new Hono()

app.get('/users', (c) => {
  const list = listPage(c.req.query('page'))
  const rows = list.items.map((u) => `<tr><td><a href="/user/${u.id}">${escape(u.username)}</a></td><td>${escape(u.email)}</td></tr>`).join('')
  return c.html(
    layout(
      'Users',
      `<div class="actions"><a href="/users/create">New user</a><form method="get" role="search"><input type="search" name="q" value="" aria-label="Filter users" placeholder="Filter"/><button type="submit">Filter</button></form></div><table><thead><tr><th><a href="/users?sort=-username">Username ▲</a></th><th>Email</th></tr></thead><tbody>${rows}</tbody></table>${pagination(list.page, list.pages)}`,
    ),
  )
})

app.get('/user/:id', (c) => {
  const user = userById.get(parseId(c.req.param('id')))
  if (!user) return c.html(notFoundPage, 404)
  const path = `/user/${user.id}`
  return c.html(
    layout(
      `User ${user.username}`,
      `<dl><dt>Id</dt><dd>${user.id}</dd><dt>Username</dt><dd>${escape(user.username)}</dd><dt>Email</dt><dd>${escape(user.email)}</dd></dl><p class="actions"><a href="${path}/edit">Edit</a><a href="${path}/delete">Delete</a><a href="/users">All users</a></p>`,
    ),
  )
})

app.get('/api/users', (c) => c.json(listPage(c.req.query('page'))))

app.get('/api/users/:id', (c) => {
  const user = userById.get(parseId(c.req.param('id')))
  if (!user) return c.json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404)
  return c.json(user)
})

app.post('/api/users', async (c) => {
  const { username, email } = await c.req.json<{ username: string; email?: string | null }>()
  return c.json(insertUser.get(username, email ?? null), 201)
})

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: process.env.HOST ?? '127.0.0.1' })

function shutdown() {
  server.close(() => {
    db.close()
    process.exit(0)
  })
}
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)
