/** One thing wrong with the model definitions, said so that the user can fix it. */
export interface Problem {
  model?: string
  field?: string
  message: string
  fix: string
}

export function formatProblem({ model, field, message, fix }: Problem): string {
  const where = [model, field].filter(Boolean).join('.')
  return `${where ? `${where}: ` : ''}${message}. Fix: ${fix}`
}

/** Thrown with every problem found at once; nothing has been written when it is thrown. */
export class DefinitionError extends Error {
  constructor(readonly problems: Problem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
    super(`The model definitions have ${count}; no file was written:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`)
    this.name = 'DefinitionError'
  }
}
