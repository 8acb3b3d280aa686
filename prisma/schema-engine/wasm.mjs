// @ts-check
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

// Dependencies resolve from wherever this folder sits: the app's node_modules.
const require = createRequire(import.meta.url)

/** The folder of the installed `prisma` package, whose build ships the schema engine compiled to WebAssembly. */
function prismaDir() {
  return dirname(require.resolve('prisma/package.json'))
}

/**
 * The engine commit of the installed Prisma CLI, which `--version` reports. The CLI compares it with the commit
 * it was built for, and prisma/build/schema_engine_bg.wasm is built from that same commit.
 */
export function engineCommit() {
  const prismaRequire = createRequire(join(prismaDir(), 'package.json'))
  const pkg = prismaRequire('@prisma/engines-version/package.json')
  return /** @type {string} */ (pkg.prisma.enginesVersion)
}

/** The message of the last Rust panic; the engine reports it through a global registry before trapping. */
let lastPanic = /** @type {string | undefined} */ (undefined)
export const panicMessage = () => lastPanic

/**
 * Instantiates the WebAssembly schema engine and returns its `SchemaEngine` class.
 * The glue code comes from `@prisma/schema-engine-wasm` (same imports and exports as the CLI's build; the package
 * for the CLI's exact commit is not published), the WebAssembly from the `prisma` package itself.
 * @returns {Promise<typeof import('@prisma/schema-engine-wasm').SchemaEngine>}
 */
export async function loadSchemaEngine() {
  const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg')
  Object.assign(globalThis, {
    PRISMA_WASM_PANIC_REGISTRY: {
      /** @param {string} message */
      set_message(message) {
        lastPanic = message
      },
    },
  })
  const bytes = await readFile(join(prismaDir(), 'build', 'schema_engine_bg.wasm'))
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue })
  const exports = /** @type {any} */ (instance.exports)
  glue.__wbg_set_wasm(exports)
  exports.__wbindgen_start()
  return glue.SchemaEngine
}
