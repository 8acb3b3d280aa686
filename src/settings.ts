import { isScalar, parseDocument } from 'yaml'

/**
 * The app-level settings: keys at the top of `models.yaml`, beside `models:`. A run takes each one from the
 * command line (or a prompt) when given there, else from the models file, else its default, and writes the
 * result back into the models file, so a re-run never resets a setting the user did not change.
 * A new setting is one more key here (its value is checked where it is used, as describeApp checks `database`).
 */
export interface AppSettings {
  /** sqlite, postgresql or mysql. */
  database: string
  /** node or bun: what serves the app. */
  runtime: string
  /** true or false: accounts (sign-up, sign-in) and access rules. */
  auth: string
}

export const defaultSettings: AppSettings = { database: 'sqlite', runtime: 'node', auth: 'false' }

export type SettingName = keyof AppSettings

export const settingNames = Object.keys(defaultSettings) as SettingName[]

/** The settings a models file names (none from a file that is not valid YAML: its parse reports that). */
export function readSettings(text: string): Partial<AppSettings> {
  const document = parseDocument(text)
  if (document.errors.length > 0) return {}
  const named: Partial<AppSettings> = {}
  for (const name of settingNames) {
    const node = document.get(name, true)
    if (isScalar(node) && node.value !== null) named[name] = String(node.value)
  }
  return named
}

/** Each setting from the first layer that names it (command line, models file, ...), else its default. */
export function resolveSettings(...layers: Partial<AppSettings>[]): AppSettings {
  const pick = (name: SettingName) => layers.find((layer) => layer[name] !== undefined)?.[name] ?? defaultSettings[name]
  return Object.fromEntries(settingNames.map((name) => [name, pick(name)])) as unknown as AppSettings
}
