import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserArgs, browserAvailable, chromiumPath } from '../support/browser.js'
import { generateApp, type GeneratedApp } from '../support/generated-app.js'
import { repoRoot } from '../support/paths.js'
import type { RunningApp } from '../support/server.js'

/**
 * The quickstart app in a real browser: Debian's chromium driven by playwright-core (no browser is downloaded;
 * `scripts/ensure-chromium.sh` installs it). Screenshots of every step go to test-artifacts/browser/.
 */
/** CI sets DBAPP_REQUIRE_BROWSER=1: a missing browser then fails the run instead of skipping. */
const hasBrowser = browserAvailable()

const screenshots = join(repoRoot, 'test-artifacts', 'browser')

interface WatchedPage {
  page: Page
  /** What the browser reported that a working page never causes: console errors, page errors, requests elsewhere. */
  trouble: string[]
  /** Every answer with an error status that the browser got, as `status path`. */
  errorAnswers: string[]
  /** Every Content-Security-Policy violation that a page reported, as `directive blocked-URI on path`. */
  violations: string[]
}

/**
 * A new page in a fresh browser (launch() gives it a temporary profile and removes it on close), watched for
 * trouble. A violation of the app's Content-Security-Policy also logs a console error, so it counts as trouble too.
 */
async function openPage(appUrl: string): Promise<WatchedPage & { browser: Browser }> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: browserArgs })
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } })
  page.setDefaultTimeout(15_000)
  const watched = { browser, page, trouble: [] as string[], errorAnswers: [] as string[], violations: [] as string[] }
  // Chrome logs every error status as "Failed to load resource"; those are checked through errorAnswers instead.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) watched.trouble.push(`console error: ${message.text()}`)
  })
  page.on('response', (response) => response.status() >= 400 && watched.errorAnswers.push(`${response.status()} ${new URL(response.url()).pathname}`))
  page.on('pageerror', (error) => watched.trouble.push(`page error: ${error.message}`))
  page.on('request', (request) => request.url().startsWith(`${appUrl}/`) || watched.trouble.push(`a request off the app: ${request.url()}`))
  // Every document reports its violations to the test (Playwright's init scripts and bindings are exempt from the policy).
  await page.exposeFunction('reportViolation', (violation: string) => watched.violations.push(violation))
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (event) =>
    reportViolation(event.effectiveDirective + ' ' + event.blockedURI + ' on ' + location.pathname))`)
  return watched
}

/** The app's Content-Security-Policy, as every answer carries it. */
const policy = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"

describe.skipIf(!hasBrowser)('browser: the quickstart app in chromium', () => {
  let generated: GeneratedApp
  let app: RunningApp
  let browser: Browser
  let page: Page
  let trouble: string[]
  let errorAnswers: string[]
  let violations: string[]
  let shots = 0

  beforeAll(async () => {
    rmSync(screenshots, { recursive: true, force: true })
    mkdirSync(screenshots, { recursive: true })
    generated = generateApp('quickstart', ['--yes'])
    app = await generated.start('dev')
    ;({ browser, page, trouble, errorAnswers, violations } = await openPage(app.url))
  })

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  /** Saves a full-page screenshot named by its step, numbered in order. */
  const shot = (step: string) => page.screenshot({ path: join(screenshots, `${String(++shots).padStart(2, '0')}-${step}.png`), fullPage: true })
  const heading = () => page.locator('h1').innerText()
  /** The usernames in the list's table, in page order. */
  const listed = () => page.locator('table tbody tr td:first-child a').allInnerTexts()
  const rows = () => {
    const db = new Database(generated.dbFile, { readonly: true })
    const all = db.prepare('select id, username, email from user order by id').all() as { id: number; username: string; email: string | null }[]
    db.close()
    return all
  }

  it('creates (after a refused try), lists, pages, filters, shows, edits and deletes a user, and shows a 404 page, all within the Content-Security-Policy', async () => {
    // The empty list.
    const first = await page.goto(`${app.url}/`)
    expect(first?.status()).toBe(200)
    expect(first?.headers()['content-security-policy']).toBe(policy)
    expect(page.url()).toBe(`${app.url}/users`)
    // The stylesheet, a file of the app's own, applies: 56rem at 16px.
    expect(await page.evaluate('getComputedStyle(document.body).maxWidth')).toBe('896px')
    expect(await heading()).toBe('Users')
    await expect(page.getByText('No users yet.').count()).resolves.toBe(1)
    await shot('empty-list')

    // Create: first with the username left blank, which the server refuses with 422 and the typed email kept.
    await page.getByRole('link', { name: 'New user' }).click()
    await page.waitForURL(`${app.url}/users/create`)
    expect(await heading()).toBe('New user')
    await page.getByLabel('Email').fill('ada@example.com')
    await shot('create-form')
    const [refused] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save' }).click(),
    ])
    expect(refused.status()).toBe(422)
    await page.waitForLoadState()
    expect(await page.getByLabel('Email').inputValue()).toBe('ada@example.com')
    expect(await page.getByLabel('Username').inputValue()).toBe('')
    expect(await page.getByLabel('Username').getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator('label', { hasText: 'Username' }).locator('.error').innerText()).toBe('Required')
    expect(rows()).toEqual([])
    await shot('create-refused')

    // Then fixed: a 303 to the new user's page.
    await page.getByLabel('Username').fill('ada')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL(/\/user\/\d+$/)
    expect(await heading()).toBe('User ada')
    const ada = rows()
    expect(ada).toEqual([{ id: expect.any(Number), username: 'ada', email: 'ada@example.com' }])
    const adaPath = `/user/${ada[0]?.id}`
    expect(page.url()).toBe(`${app.url}${adaPath}`)
    await shot('created-detail')

    // 25 more through the JSON API: 26 users are two pages of 20.
    for (let i = 1; i <= 25; i++) {
      const response = await fetch(`${app.url}/api/users`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: `user-${String(i).padStart(2, '0')}`, email: i % 2 ? `user${i}@example.com` : null }),
      })
      expect(response.status).toBe(201)
    }

    // The list, sorted by username, and its page 2 through the Next link.
    await page.getByRole('link', { name: 'Users', exact: true }).click()
    await page.waitForURL(`${app.url}/users`)
    const page1 = await listed()
    expect(page1).toHaveLength(20)
    expect(page1[0]).toBe('ada')
    expect(page1.slice(1)).toEqual(Array.from({ length: 19 }, (_, i) => `user-${String(i + 1).padStart(2, '0')}`))
    await shot('list-page-1')
    await page.getByRole('link', { name: 'Next' }).click()
    await page.waitForURL(/[?&]page=2\b/)
    expect(await listed()).toEqual(['user-20', 'user-21', 'user-22', 'user-23', 'user-24', 'user-25'])
    expect(await page.locator('[aria-current="page"]').innerText()).toBe('2')
    await shot('list-page-2')

    // Sort descending by the column heading, and filter.
    await page.getByRole('link', { name: /^Username/ }).click()
    await page.waitForURL(/[?&]sort=-username\b/)
    expect((await listed()).slice(0, 2)).toEqual(['user-25', 'user-24'])
    await page.getByRole('searchbox', { name: 'Filter users' }).fill('user-1')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForURL(/[?&]q=user-1\b/)
    expect(await listed()).toEqual(['user-19', 'user-18', 'user-17', 'user-16', 'user-15', 'user-14', 'user-13', 'user-12', 'user-11', 'user-10'])
    await shot('list-sorted-filtered')

    // Detail, from the list.
    await page.goto(`${app.url}/users`)
    await page.getByRole('link', { name: 'ada', exact: true }).click()
    await page.waitForURL(`${app.url}${adaPath}`)
    expect(await page.locator('dd').allInnerTexts()).toEqual([String(ada[0]?.id), 'ada', 'ada@example.com'])
    await shot('detail')

    // Edit: a taken username is refused (422), then a real change is saved.
    await page.getByRole('link', { name: 'Edit' }).click()
    await page.waitForURL(`${app.url}${adaPath}/edit`)
    expect(await heading()).toBe('Edit user')
    expect(await page.getByLabel('Username').inputValue()).toBe('ada')
    expect(await page.getByLabel('Email').inputValue()).toBe('ada@example.com')
    await page.getByLabel('Username').fill('user-01')
    const [taken] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save' }).click(),
    ])
    expect(taken.status()).toBe(422)
    await page.waitForLoadState()
    expect(await page.locator('label', { hasText: 'Username' }).locator('.error').innerText()).toBe('Already taken')
    await shot('edit-taken')
    await page.getByLabel('Username').fill('ada.lovelace')
    await page.getByLabel('Email').fill('')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL(`${app.url}${adaPath}`)
    expect(await heading()).toBe('User ada.lovelace')
    expect(await page.locator('dd').allInnerTexts()).toEqual([String(ada[0]?.id), 'ada.lovelace', '—'])
    expect(rows().find((row) => row.id === ada[0]?.id)).toEqual({ id: ada[0]?.id, username: 'ada.lovelace', email: null })
    await shot('edited-detail')

    // Delete, through its confirm page.
    await page.getByRole('link', { name: 'Delete' }).click()
    await page.waitForURL(`${app.url}${adaPath}/delete`)
    expect(await heading()).toBe('Delete user ada.lovelace?')
    expect(rows()).toHaveLength(26)
    await shot('delete-confirm')
    await page.getByRole('button', { name: 'Delete' }).click()
    await page.waitForURL(`${app.url}/users`)
    expect(await listed()).not.toContain('ada.lovelace')
    expect(rows()).toHaveLength(25)
    expect(rows().some((row) => row.id === ada[0]?.id)).toBe(false)
    await shot('deleted-list')

    // The deleted user's page, and a URL that names nothing: 404 pages.
    for (const [path, step] of [[adaPath, 'deleted-404'], ['/no/such/page', 'unknown-url-404']] as const) {
      const missing = await page.goto(`${app.url}${path}`)
      expect(missing?.status(), path).toBe(404)
      expect(await heading()).toBe('404 Not Found')
      await shot(step)
    }
    await page.getByRole('link', { name: 'Back to the start' }).click()
    await page.waitForURL(`${app.url}/users`)

    expect(trouble).toEqual([])
    expect(violations).toEqual([])
    // Only the refused forms and the 404 pages; the browser's own request for /favicon.ico (the app has none) aside.
    expect(errorAnswers.filter((answer) => answer !== '404 /favicon.ico')).toEqual([
      '422 /users/create',
      `422 ${adaPath}/edit`,
      `404 ${adaPath}`,
      '404 /no/such/page',
    ])

    // The policy holds and the listener hears it: a script put into the page is refused and reported.
    await page.evaluate(`document.body.append(Object.assign(document.createElement('script'), { textContent: 'window.injected = true' }))`)
    await expect.poll(() => violations).toEqual(['script-src-elem inline on /users'])
    expect(await page.evaluate('window.injected')).toBeUndefined()
    expect(trouble).toEqual([expect.stringContaining('inline script violates the following Content Security Policy directive')])
  })
})

describe.skipIf(!hasBrowser)('browser: the relation-rich app, within the Content-Security-Policy', () => {
  let generated: GeneratedApp
  let app: RunningApp
  let watched: WatchedPage & { browser: Browser }

  beforeAll(async () => {
    generated = generateApp('library', ['--models', join(repoRoot, 'test/fixtures/library.yaml')])
    app = await generated.start('dev')
    // More authors than a select lists (50), so the book form offers a search beside it.
    const db = new Database(generated.dbFile)
    const insert = db.prepare('insert into author (name) values (?)')
    for (let n = 1; n <= 60; n++) insert.run(`Writer ${String(n).padStart(2, '0')}`)
    db.close()
    watched = await openPage(app.url)
  })

  afterAll(async () => {
    await watched?.browser.close()
    await app?.stop()
  })

  it('searches by GET to the page itself (form-action allows it), keeps what was typed, then saves by POST', async () => {
    const { page, trouble, errorAnswers, violations } = watched
    await page.goto(`${app.url}/books/create`)
    await page.locator('[name=title]').fill('Kindred')
    await page.locator('[name=isbn]').fill('978-0-8070-8305-5')
    await page.getByRole('searchbox', { name: 'Search author' }).fill('Writer 57')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/[?&]author\.search=Writer\+57\b/)
    expect(await page.locator('[name=title]').inputValue()).toBe('Kindred')
    expect(await page.locator('select[name=authorId] option:not([value=""])').allInnerTexts()).toEqual(['Writer 57'])

    await page.locator('select[name=authorId]').selectOption({ label: 'Writer 57' })
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL(/\/book\/\d+$/)
    const db = new Database(generated.dbFile, { readonly: true })
    const books = db.prepare('select title, author.name as author from book join author on author.id = book.authorId').all()
    db.close()
    expect(books).toEqual([{ title: 'Kindred', author: 'Writer 57' }])
    expect(trouble).toEqual([])
    expect(violations).toEqual([])
    expect(errorAnswers.filter((answer) => answer !== '404 /favicon.ico')).toEqual([])
  })

  it('shows the API reference at /api/docs: every operation, one tried from the page, nothing loaded from elsewhere', async () => {
    const { page, trouble, errorAnswers, violations } = watched
    await page.goto(`${app.url}/api/docs`)
    // Five models, five operations each, as Swagger UI draws them from the app's own /api/openapi.json.
    await expect.poll(() => page.locator('.opblock').count()).toBe(25)
    const listBooks = page.locator('#operations-Books-listBooks')
    await listBooks.locator('.opblock-summary-control').click()
    await listBooks.getByRole('button', { name: 'Try it out' }).click()
    await listBooks.getByRole('button', { name: 'Execute' }).click()
    await expect.poll(() => listBooks.locator('.live-responses-table tbody .response-col_status').first().innerText().catch(() => '')).toBe('200')
    await page.screenshot({ path: join(screenshots, 'api-docs.png'), fullPage: true })
    expect(trouble).toEqual([])
    expect(violations).toEqual([])
    expect(errorAnswers.filter((answer) => answer !== '404 /favicon.ico')).toEqual([])
  })
})
