// @ts-check

/**
 * An error the engine reports to the Prisma CLI. `code` is a Prisma error code (`P1001`, ...) when one applies;
 * the CLI prints it above the message, as it does for the native engine.
 */
export class EngineError extends Error {
  /**
   * @param {string} message
   * @param {{ code?: string | null, isPanic?: boolean }} [options]
   */
  constructor(message, { code = null, isPanic = false } = {}) {
    super(message)
    this.name = 'EngineError'
    this.code = code
    this.isPanic = isPanic
  }
}

/** @typedef {{ host: string, port: string | number, user?: string, database?: string }} ServerAddress */

/** Prisma's own wording for the connection errors (user-facing-errors in prisma-engines). */
export const connectionErrors = {
  /** @param {ServerAddress} a */
  authenticationFailed: (a) =>
    new EngineError(
      `Authentication failed against database server at \`${a.host}\`, the provided database credentials for \`${a.user ?? ''}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${a.host}\`.`,
      { code: 'P1000' },
    ),
  /** @param {ServerAddress} a */
  unreachable: (a) =>
    new EngineError(
      `Can't reach database server at \`${a.host}:${a.port}\`\n\nPlease make sure your database server is running at \`${a.host}:${a.port}\`.`,
      { code: 'P1001' },
    ),
  /** @param {ServerAddress} a */
  databaseMissing: (a) =>
    new EngineError(`Database \`${a.database}\` does not exist on the database server at \`${a.host}:${a.port}\`.`, {
      code: 'P1003',
    }),
  /** @param {string} fileName @param {string} path */
  sqliteFileMissing: (fileName, path) =>
    new EngineError(`Database \`${fileName}\` does not exist at \`${path}\`.`, { code: 'P1003' }),
  /** @param {ServerAddress} a */
  databaseExists: (a) =>
    new EngineError(`Database \`${a.database}\` already exists on the database server at \`${a.host}:${a.port}\``, {
      code: 'P1009',
    }),
  /** @param {ServerAddress} a */
  accessDenied: (a) =>
    new EngineError(`User \`${a.user ?? ''}\` was denied access on the database \`${a.database}\``, { code: 'P1010' }),
  /** @param {string} details */
  invalidUrl: (details) => new EngineError(`The provided database string is invalid. ${details}`, { code: 'P1013' }),
}

/**
 * Turns an error thrown by the WebAssembly engine into an EngineError.
 * Driver errors reach the engine as "External error id#N"; `lookup(N)` returns the original error, so the user
 * reads what the database said. The engine appends its tracing spans ("   0: sql_schema_connector::...") to some
 * messages; the native engine shows them only in debug logs, so they are cut off here.
 * @param {unknown} error
 * @param {(id: number) => unknown} lookup
 * @param {() => string | undefined} panicMessage the message of the last Rust panic, if any
 */
export function fromEngineError(error, lookup, panicMessage) {
  if (error instanceof EngineError) return error
  if (error instanceof WebAssembly.RuntimeError) {
    return new EngineError(panicMessage() ?? error.message, { isPanic: true })
  }
  const err = /** @type {{ message?: unknown, code?: unknown }} */ (error ?? {})
  const message = String(err.message ?? error)
    .replace(/External error id#(\d+)/g, (text, id) => describeExternal(lookup(Number(id))) ?? text)
    .replace(/\n\s+0: [\s\S]*$/, '')
    .trimEnd()
  return new EngineError(message, { code: typeof err.code === 'string' ? err.code : null })
}

/** @param {unknown} registered an entry of the adapter's error registry: `{ error }` */
function describeExternal(registered) {
  const error = /** @type {{ error?: { message?: string } } | undefined} */ (registered)?.error
  return error?.message
}

/**
 * A JSON-RPC error response body in the shape the Prisma CLI reads from its engine.
 * @param {EngineError} error
 */
export function toRpcError(error) {
  return {
    code: 4466,
    message: error.message,
    data: { is_panic: error.isPanic, message: error.message, error_code: error.code, meta: null },
  }
}

/**
 * A stderr log line in the native engine's format. The CLI parses these when the engine exits with an error.
 * @param {'INFO' | 'ERROR'} level
 * @param {string} message
 * @param {string | null} [code]
 */
export function logLine(level, message, code = null) {
  const fields = code ? { error_code: code, message } : { message }
  return JSON.stringify({ level, fields, target: 'schema_engine::logger' })
}
