// @ts-check
import { EngineError } from './errors.mjs'

/**
 * @typedef {{ url: string, shadowDatabaseUrl?: string }} Datasource
 * @typedef {{ kind: 'version' }
 *   | { kind: 'cli', command: string, datasource: Datasource }
 *   | { kind: 'server', datasource: Datasource, datamodels: string[] }} Invocation
 */

/** The datasource URL of an empty SQLite database in memory. */
export const IN_MEMORY = 'file::memory:'

/** The one-shot commands the Prisma CLI runs as `<engine> --datasource <json> cli <command>`. */
export const CLI_COMMANDS = ['can-connect-to-database', 'create-database']

/**
 * Parses the arguments the Prisma CLI passes to its schema engine (see `schema-engine --help` of the native binary).
 * @param {string[]} argv arguments after the script path
 * @returns {Invocation}
 */
export function parseArgs(argv) {
  /** @type {string[]} */
  const datamodels = []
  /** @type {Datasource | undefined} */
  let datasource
  let command

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      const next = argv[++i]
      if (next === undefined) throw new EngineError(`Missing value for ${arg}`)
      return next
    }
    switch (arg) {
      case '--version':
      case '-V':
        return { kind: 'version' }
      case '--datamodels':
        datamodels.push(value())
        break
      case '--datasource':
        datasource = parseDatasource(value())
        break
      case '--enabled-preview-features':
      case '--extension-types':
        // Accepted for compatibility; the WebAssembly engine reads preview features from the schema files,
        // and extension types serve only TypedSQL, which this engine does not offer.
        value()
        break
      case 'cli':
        command = value()
        if (!CLI_COMMANDS.includes(command)) throw new EngineError(`Unknown cli command: ${command}`)
        break
      default:
        throw new EngineError(`Unknown argument: ${arg}`)
    }
  }

  if (command) {
    if (!datasource) throw new EngineError('The schema engine needs --datasource \'{"url": "..."}\'')
    return { kind: 'cli', command, datasource }
  }
  // Without a datasource (a Workers app before wrangler has made its local database), the commands that need no
  // database, such as `migrate diff --from-empty --to-schema`, run on an empty SQLite database in memory.
  return { kind: 'server', datasource: datasource ?? { url: IN_MEMORY }, datamodels }
}

/**
 * @param {string} json the value of `--datasource`
 * @returns {Datasource}
 */
function parseDatasource(json) {
  let parsed
  try {
    parsed = JSON.parse(json)
  } catch {
    throw new EngineError('--datasource must be JSON like {"url": "file:./dev.db"}')
  }
  if (typeof parsed?.url !== 'string' || parsed.url === '') {
    throw new EngineError('--datasource has no "url". Set the datasource url in prisma.config.ts.')
  }
  return { url: parsed.url, shadowDatabaseUrl: parsed.shadowDatabaseUrl || undefined }
}
