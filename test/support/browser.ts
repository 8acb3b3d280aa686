import { existsSync } from 'node:fs'

/** Debian's chromium, driven by playwright-core (no browser is downloaded; `scripts/ensure-chromium.sh` installs it). */
export const chromiumPath = '/usr/bin/chromium'

export const browserArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

/**
 * Whether the browser is here. When it is not, prints why the browser tests are skipped, or throws when
 * DBAPP_REQUIRE_BROWSER=1 (CI), so a missing browser never passes silently.
 */
export function browserAvailable(): boolean {
  if (existsSync(chromiumPath)) return true
  const reason = `${chromiumPath} is missing (run scripts/ensure-chromium.sh as root to install Debian's chromium)`
  if (process.env.DBAPP_REQUIRE_BROWSER === '1') throw new Error(`${reason}, and DBAPP_REQUIRE_BROWSER=1 requires it`)
  console.warn(`SKIPPED browser tests: ${reason}`)
  return false
}
