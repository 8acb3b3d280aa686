import { spawnSync } from 'node:child_process'
import { copyFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { validate } from '@readme/openapi-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateApp } from '../support/generated-app.js'
import { repoRoot, scratchDir } from '../support/paths.js'
import type { RunningApp } from '../support/server.js'

/**
 * The OpenAPI document of generated apps, proven by tools that no one here wrote: @readme/openapi-parser validates
 * it against the OpenAPI 3.1 schema, openapi-typescript makes types of it, and a client written with openapi-fetch
 * on those types (test/fixtures/openapi-client/client.ts) type-checks and works against the served app.
 */
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name)

/** Runs one of the repository's tools in `cwd`; a failure throws with everything the tool printed (tsc prints to stdout). */
function run(tool: string, args: string[], cwd: string): string {
  const result = spawnSync(bin(tool), args, { cwd, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`)
  return result.stdout
}

async function documentOf(app: RunningApp) {
  const response = await fetch(`${app.url}/api/openapi.json`)
  expect(response.status).toBe(200)
  return (await response.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>>; components: { schemas: Record<string, unknown> } }
}

/** What the validator finds wrong with a document, and its warnings: none of either for a good one. */
async function problemsOf(document: object) {
  const result = await validate(structuredClone(document) as never)
  return [...(result.valid ? [] : result.errors), ...result.warnings]
}

describe('the OpenAPI document of the quickstart app', () => {
  let app: RunningApp

  beforeAll(async () => {
    app = await generateApp('openapi-quickstart').start()
  })

  afterAll(async () => {
    await app?.stop()
  })

  it('is valid OpenAPI 3.1, with the five operations of users and their schemas', async () => {
    const document = await documentOf(app)
    expect(await problemsOf(document)).toEqual([])
    expect(document.openapi).toBe('3.1.0')
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId))
    expect(operations.sort()).toEqual(['createUser', 'deleteUser', 'getUser', 'listUsers', 'updateUser'])
    expect(Object.keys(document.components.schemas).sort()).toEqual(['ProblemDetails', 'User'])
  })
})

describe('the OpenAPI document of the relation-rich app, and a client generated from it', () => {
  let app: RunningApp
  let document: Awaited<ReturnType<typeof documentOf>>
  const clientDir = scratchDir('openapi-client')

  beforeAll(async () => {
    app = await generateApp('openapi-library', ['--models', join(repoRoot, 'test/fixtures/library.yaml')]).start()
    document = await documentOf(app)
  })

  afterAll(async () => {
    await app?.stop()
  })

  it('is valid OpenAPI 3.1: every scalar type, enums, relations', async () => {
    expect(await problemsOf(document)).toEqual([])
    expect(Object.keys(document.components.schemas).sort()).toEqual(['Author', 'Book', 'Employee', 'JsonValue', 'ProblemDetails', 'Specimen', 'Tag'])
    expect(Object.keys(document.paths)).toHaveLength(10)
  })

  it('gives openapi-typescript types with which an openapi-fetch client type-checks, and works over HTTP', () => {
    for (const file of ['client.ts', 'tsconfig.json']) copyFileSync(join(repoRoot, 'test/fixtures/openapi-client', file), join(clientDir, file))
    writeFileSync(join(clientDir, 'package.json'), JSON.stringify({ type: 'module' }))
    symlinkSync(join(repoRoot, 'node_modules'), join(clientDir, 'node_modules'))
    // As a user would: the CLI, reading the document from the running app.
    run('openapi-typescript', [`${app.url}/api/openapi.json`, '-o', 'api.d.ts'], clientDir)
    run('tsc', ['-p', 'tsconfig.json'], clientDir)

    const seen = JSON.parse(run('tsx', ['client.ts', app.url], clientDir)) as Record<string, unknown>
    expect(seen.created).toEqual({ status: 201, name: 'Ursula K. Le Guin', bio: 'Wrote Earthsea.', idIsNumber: true })
    expect(seen.taken).toEqual({ status: 409, title: expect.any(String), errors: { name: 'Already taken' } })
    expect(seen.invalid).toEqual({ status: 422, title: 'Invalid input', errors: { name: 'Required' } })
    expect(seen.updated).toEqual({ status: 200, bio: 'Wrote Earthsea and more.' })
    expect(seen.listed).toEqual({ status: 200, total: 1, names: ['Ursula K. Le Guin'] })
    expect(seen.specimen).toEqual({
      status: 201,
      big: '9007199254740993',
      price: '12.34',
      day: '2026-03-04T00:00:00.000Z',
      meta: { nested: [1, 'two', null] },
      blob: 'aGVsbG8=',
    })
    expect(seen.book).toEqual({ status: 201, authorOfListed: 'Ursula K. Le Guin' })
    expect(seen.restricted).toEqual({ status: 409, title: expect.any(String), errors: undefined })
    expect(seen.deleted).toEqual({ status: 204, then: { status: 404, title: 'Not Found', errors: undefined } })
  }, 180_000)
})
