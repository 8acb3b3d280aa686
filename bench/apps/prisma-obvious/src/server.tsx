// Users over Hono and Prisma 7, written the obvious way from the two projects' documentation:
// one PrismaClient with the better-sqlite3 adapter, count + findMany with skip/take for a page,
// findUnique for a row, create for a POST, hono/jsx for the pages. No validation library, no middleware.
import { serve } from '@hono/node-server'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { Hono } from 'hono'
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { PrismaClient, type User } from './generated/prisma/client.js'

const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: process.env.DATABASE_URL ?? 'file:./dev.db' }) })
const perPage = 20

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

function Layout({ title, children }: { title: string; children: Child }) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          <style>{raw(style)}</style>
        </head>
        <body>
          <nav>
            <a href="/users">Users</a>
          </nav>
          <main>
            <h1>{title}</h1>
            {children}
          </main>
        </body>
      </html>
    </>
  )
}

function Pagination({ page, pages }: { page: number; pages: number }) {
  const numbers = Array.from({ length: pages }, (_, i) => i + 1).filter((n) => n === 1 || n === pages || Math.abs(n - page) <= 2)
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 ? <a href={`/users?page=${page - 1}`} rel="prev">Previous</a> : <span>Previous</span>}
      {numbers.map((n) => (n === page ? <strong aria-current="page">{n}</strong> : <a href={`/users?page=${n}`}>{n}</a>))}
      {page < pages ? <a href={`/users?page=${page + 1}`} rel="next">Next</a> : <span>Next</span>}
    </nav>
  )
}

async function listPage(pageParam: string | undefined) {
  const page = Math.max(1, Number(pageParam) || 1)
  const [total, items] = await Promise.all([
    prisma.user.count(),
    prisma.user.findMany({ orderBy: { username: 'asc' }, skip: (page - 1) * perPage, take: perPage }),
  ])
  return { items, page, per_page: perPage, total, pages: Math.max(1, Math.ceil(total / perPage)) }
}

const notFoundPage = () => (
  <Layout title="404 Not Found">
    <p>
      <a href="/">Back to the start</a>
    </p>
  </Layout>
)

const app = new Hono()

app.get('/users', async (c) => {
  const list = await listPage(c.req.query('page'))
  return c.html(
    <Layout title="Users">
      <div class="actions">
        <a href="/users/create">New user</a>
        <form method="get" role="search">
          <input type="search" name="q" value="" aria-label="Filter users" placeholder="Filter" />
          <button type="submit">Filter</button>
        </form>
      </div>
      <table>
        <thead>
          <tr>
            <th>
              <a href="/users?sort=-username">Username ▲</a>
            </th>
            <th>Email</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((user: User) => (
            <tr>
              <td>
                <a href={`/user/${user.id}`}>{user.username}</a>
              </td>
              <td>{user.email ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={list.page} pages={list.pages} />
    </Layout>,
  )
})

app.get('/user/:id', async (c) => {
  const user = await prisma.user.findUnique({ where: { id: Number(c.req.param('id')) } })
  if (!user) return c.html(notFoundPage(), 404)
  return c.html(
    <Layout title={`User ${user.username}`}>
      <dl>
        <dt>Id</dt>
        <dd>{user.id}</dd>
        <dt>Username</dt>
        <dd>{user.username}</dd>
        <dt>Email</dt>
        <dd>{user.email ?? '—'}</dd>
      </dl>
      <p class="actions">
        <a href={`/user/${user.id}/edit`}>Edit</a>
        <a href={`/user/${user.id}/delete`}>Delete</a>
        <a href="/users">All users</a>
      </p>
    </Layout>,
  )
})

app.get('/api/users', async (c) => c.json(await listPage(c.req.query('page'))))

app.get('/api/users/:id', async (c) => {
  const user = await prisma.user.findUnique({ where: { id: Number(c.req.param('id')) } })
  if (!user) return c.json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404)
  return c.json(user)
})

app.post('/api/users', async (c) => {
  const { username, email } = await c.req.json<{ username: string; email?: string | null }>()
  const user = await prisma.user.create({ data: { username, email: email ?? null } })
  return c.json(user, 201)
})

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: process.env.HOST ?? '127.0.0.1' })

function shutdown() {
  server.close(async () => {
    await prisma.$disconnect()
    process.exit(0)
  })
}
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)
