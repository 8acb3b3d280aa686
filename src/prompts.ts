import { describeApp } from './model/describe.js'
import { DefinitionError, formatProblem, type Problem } from './model/problems.js'
import type { ModelDefinition } from './parse/definitions.js'
import { parseCliModel } from './parse/models-file.js'

/** Raised when an answer is needed but there is no terminal to ask on. */
export class MissingAnswerError extends Error {
  override name = 'MissingAnswerError'
}

/** Fails at once, naming the option to pass, when stdin is not a terminal. */
export function requireTerminal(what: string, option: string): void {
  if (!process.stdin.isTTY) {
    throw new MissingAnswerError(`${what} is needed, but stdin is not a terminal, so generator-dbapp cannot ask. Pass ${option}.`)
  }
}

/** Reads the fields typed at a prompt: `username:string:unique email:string?`. */
export function readModelAnswer(name: string, fieldsLine: string) {
  return parseCliModel(name, fieldsLine.trim().split(/\s+/).filter(Boolean))
}

/** The problems of one model typed at the prompts, checked together with the models typed before it. */
function problemsOf(earlier: ModelDefinition[], name: string, fieldsLine: string): Problem[] {
  const { definition, problems } = readModelAnswer(name, fieldsLine)
  try {
    describeApp('app', { models: [...earlier, ...definition.models] }, problems)
    return []
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error
    return error.problems
  }
}

const answer = (problems: Problem[]) => (problems.length === 0 ? true : problems.map(formatProblem).join('\n'))

/** Prompt validation for a model name (an empty name ends the list). */
export function checkModelName(earlier: ModelDefinition[], name: string): true | string {
  if (name === '') return true
  return answer(problemsOf(earlier, name, 'placeholder:string').filter((problem) => problem.field === undefined))
}

/** Prompt validation for a model's fields line. */
export function checkModelFields(earlier: ModelDefinition[], name: string, fieldsLine: string): true | string {
  return answer(problemsOf(earlier, name, fieldsLine))
}
