import type { DatabaseName, RuntimeName } from './description.js'

export type { RuntimeName }

/** What each runtime means to the generated app: the server entry, the SQLite driver and the scripts differ. */
export interface RuntimeInfo {
  label: string
  /** The databases whose apps are tested on this runtime; any other is refused at generation. */
  databases: DatabaseName[]
  /** Why another database is refused. */
  whyNotOthers: string
}

export const runtimes: Record<RuntimeName, RuntimeInfo> = {
  node: { label: 'Node.js', databases: ['sqlite', 'postgresql', 'mysql'], whyNotOthers: '' },
  bun: { label: 'Bun', databases: ['sqlite', 'postgresql'], whyNotOthers: 'it is not tested' },
  workers: { label: 'Cloudflare Workers (D1)', databases: ['sqlite'], whyNotOthers: "D1, Cloudflare's database, is SQLite" },
}

export const runtimeNames = Object.keys(runtimes) as RuntimeName[]

export const isRuntimeName = (name: string): name is RuntimeName => Object.hasOwn(runtimes, name)
