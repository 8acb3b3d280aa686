#!/usr/bin/env node
// @ts-check
// Prisma's schema engine as a program, run by the Prisma CLI through PRISMA_SCHEMA_ENGINE_BINARY.
// It runs the WebAssembly build of the engine that ships inside the `prisma` package, connected through
// Prisma's driver adapters, so no native engine has to be downloaded.
import { parseArgs } from './args.mjs'
import { checkDatabase, createDatabase } from './database.mjs'
import { EngineError, logLine } from './errors.mjs'
import { serveJsonRpc } from './rpc.mjs'
import { createSession } from './session.mjs'
import { engineCommit, panicMessage } from './wasm.mjs'

/** How long closing connections may take when the CLI ends the engine. */
const DISPOSE_TIMEOUT_MS = 2000

try {
  const invocation = parseArgs(process.argv.slice(2))
  if (invocation.kind === 'version') {
    process.stdout.write(`schema-engine-cli ${engineCommit()}\n`)
  } else if (invocation.kind === 'cli') {
    // The CLI skips the first stderr line of a one-shot command and reads the rest as JSON log lines.
    process.stderr.write(`${logLine('INFO', `Running ${invocation.command}`)}\n`)
    if (invocation.command === 'create-database') await createDatabase(invocation.datasource)
    else await checkDatabase(invocation.datasource)
  } else {
    await serve(invocation)
  }
  process.exit(0)
} catch (error) {
  // Expected failures carry a Prisma error code and a message for the user; anything else is a bug worth a trace.
  const message = error instanceof EngineError ? error.message : String(/** @type {Error} */ (error)?.stack ?? error)
  process.stderr.write(`${logLine('ERROR', message, error instanceof EngineError ? error.code : null)}\n`)
  process.exit(1)
}

/** @param {{ datasource: import('./args.mjs').Datasource, datamodels: string[] }} options */
async function serve({ datasource, datamodels }) {
  const session = createSession({ datasource, datamodels, log: (line) => process.stderr.write(`${line.trimEnd()}\n`) })
  const stop = async () => {
    await Promise.race([session.dispose(), new Promise((resolve) => setTimeout(resolve, DISPOSE_TIMEOUT_MS).unref())])
  }
  // The CLI closes stdin and sends SIGTERM right away once it has its answers.
  process.once('SIGTERM', () => stop().finally(() => process.exit(0)))
  // A Rust panic traps the WebAssembly instance outside any request's promise. Report it as the native engine
  // does: its message on stderr and exit code 101, which the CLI shows as an engine panic.
  process.once('uncaughtException', (error) => {
    const panic = error instanceof WebAssembly.RuntimeError ? panicMessage() : undefined
    process.stderr.write(`${logLine('ERROR', panic ?? String(error.stack ?? error))}\n`)
    process.exit(panic ? 101 : 1)
  })
  await serveJsonRpc({ input: process.stdin, output: process.stdout, handle: session.handle })
  await stop()
}
