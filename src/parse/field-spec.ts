import type { FieldDefinition, ModifierDefinition } from './definitions.js'

/** Raised for text that cannot be read as a field at all; validation handles everything else. */
export class FieldSyntaxError extends Error {
  constructor(
    readonly field: string | undefined,
    message: string,
    readonly fix: string,
  ) {
    super(message)
  }
}

/** Splits on `sep` outside parentheses, so `default(a:b)` stays whole. */
function splitOutside(text: string, sep: string): string[] {
  const parts: string[] = []
  let depth = 0
  let current = ''
  for (const char of text) {
    if (char === '(') depth++
    if (char === ')') depth--
    if (char === sep && depth === 0) {
      parts.push(current)
      current = ''
    } else {
      current += char
    }
  }
  parts.push(current)
  return parts
}

/** Reads `name(arg, arg)` into a name and its arguments. */
export function readCall(text: string, field?: string): ModifierDefinition {
  const match = /^([A-Za-z_][\w-]*)(?:\((.*)\))?$/s.exec(text.trim())
  if (!match) {
    throw new FieldSyntaxError(field, `cannot read "${text}"`, 'write a word, optionally followed by arguments in parentheses, e.g. string(200) or default(0)')
  }
  const args = match[2] === undefined ? [] : splitOutside(match[2], ',').map((arg) => arg.trim())
  return { name: match[1] ?? '', args }
}

/**
 * Reads a field's type and modifiers: `string`, `string?`, `string(200):unique`, `belongsTo(Author)?`.
 * This is the one syntax for CLI fields (after `name:`), for prompts and for the models file.
 */
export function parseFieldType(name: string, spec: string): FieldDefinition {
  const [typePart = '', ...modifierParts] = splitOutside(spec.trim(), ':')
  let typeText = typePart.trim()
  const optional = typeText.endsWith('?')
  if (optional) typeText = typeText.slice(0, -1)
  if (typeText === '') {
    throw new FieldSyntaxError(name, 'has no type', `write a type after the name, e.g. ${name}:string`)
  }
  const type = readCall(typeText, name)
  const modifiers = modifierParts.map((part) => {
    if (part.trim() === '') throw new FieldSyntaxError(name, `has an empty modifier in "${spec}"`, 'remove the doubled colon')
    return readCall(part, name)
  })
  return { name, type: type.name.toLowerCase(), typeArgs: type.args, optional, modifiers }
}

/** Reads one Rails-style CLI field: `username:string:unique`, `email:string?`. */
export function parseCliField(text: string): FieldDefinition {
  const colon = text.indexOf(':')
  if (colon === -1) {
    throw new FieldSyntaxError(text, 'has no type', `write name:type, e.g. ${text}:string`)
  }
  return parseFieldType(text.slice(0, colon), text.slice(colon + 1))
}

/** Reads a model option word: `@unique(a,b)`, `@index(a,b)`, `@display(name)`. */
export function parseModelOption(text: string): ModifierDefinition {
  return readCall(text.replace(/^@/, ''))
}
