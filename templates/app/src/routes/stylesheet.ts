import { createHash } from 'node:crypto'
import { Hono } from 'hono'
import type { AppEnv } from '../env.js'
import { css } from '../views/stylesheet.js'

const path = '/app.css'

/** Where pages link to the stylesheet: the URL holds a hash of its content, so a changed stylesheet gets a new URL. */
export const stylesheetUrl = `${path}?v=${createHash('sha256').update(css).digest('base64url').slice(0, 12)}`

/** GET /app.css: browsers may keep it for a year, since a change gives it a new URL (stylesheetUrl). */
export const stylesheet = new Hono<AppEnv>().get(path, (c) =>
  c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' }),
)
