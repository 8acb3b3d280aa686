import type { DatabaseName, RuntimeName } from './description.js'

export type { RuntimeName }

/** What each runtime means to the generated app: the server entry, the SQLite driver and the scripts differ. */
export interface RuntimeInfo {
  label: string
  /** The databases whose apps are tested on this runtime; any other is refused at generation. */
  databases: DatabaseName[]
}

export const runtimes: Record<RuntimeName, RuntimeInfo> = {
  node: { label: 'Node.js', databases: ['sqlite', 'postgresql', 'mysql'] },
  bun: { label: 'Bun', databases: ['sqlite', 'postgresql'] },
}

export const runtimeNames = Object.keys(runtimes) as RuntimeName[]

export const isRuntimeName = (name: string): name is RuntimeName => Object.hasOwn(runtimes, name)
