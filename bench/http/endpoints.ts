/** One benchmarked route: how to make each request, and the status every answer should have. */
export interface Endpoint {
  label: string
  method: 'GET' | 'POST'
  status: number
  /** A fresh request each time: random pages and rows, unique usernames. */
  request: () => { path: string; body?: string }
}

const randomInt = (max: number) => 1 + Math.floor(Math.random() * max)

let created = 0
const runTag = Date.now().toString(36)

/** The routes all three apps serve, for a database of `users` rows. POST comes last: it adds rows. */
export function endpoints(users: number): Endpoint[] {
  const pages = Math.ceil(users / 20)
  return [
    { label: 'GET /users (HTML, first page)', method: 'GET', status: 200, request: () => ({ path: '/users' }) },
    { label: 'GET /users?page=P (HTML)', method: 'GET', status: 200, request: () => ({ path: `/users?page=${randomInt(pages)}` }) },
    { label: 'GET /api/users?page=P', method: 'GET', status: 200, request: () => ({ path: `/api/users?page=${randomInt(pages)}` }) },
    { label: 'GET /user/:id (HTML)', method: 'GET', status: 200, request: () => ({ path: `/user/${randomInt(users)}` }) },
    { label: 'GET /api/users/:id', method: 'GET', status: 200, request: () => ({ path: `/api/users/${randomInt(users)}` }) },
    { label: 'GET /user/999999999 (404)', method: 'GET', status: 404, request: () => ({ path: '/user/999999999' }) },
    {
      label: 'POST /api/users',
      method: 'POST',
      status: 201,
      request: () => {
        const username = `new-${runTag}-${++created}`
        return { path: '/api/users', body: JSON.stringify({ username, email: `${username}@example.com` }) }
      },
    },
  ]
}
