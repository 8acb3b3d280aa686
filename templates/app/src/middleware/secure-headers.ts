import { secureHeaders as honoSecureHeaders } from 'hono/secure-headers'

/**
 * What pages may load and do: this site's own files only (the stylesheet: no inline script or style), forms that
 * post to this site, no plugins, no <base>, and no framing by any site.
 */
export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
}

/**
 * Hono's secure headers with the app's policy. A header a route has already set is kept, so a route may use this
 * with its own policy (the API docs page does).
 */
export const secureHeaders = (policy = contentSecurityPolicy) =>
  honoSecureHeaders({ contentSecurityPolicy: policy, xFrameOptions: 'DENY', overwrite: false })
