import { spawn, spawnSync } from 'node:child_process'
import { stripVTControlCharacters } from 'node:util'

/** An answer to type once `prompt` has appeared on the screen (after the previous answer's prompt). */
export interface Answer {
  prompt: string
  /** What to type: `\r` is Enter. */
  keys: string
}

export interface TerminalRun {
  status: number | null
  /** Everything the terminal showed, without colours and with `\n` line ends. */
  output: string
}

/**
 * Whether util-linux's `script` is here to give a command a pseudo-terminal. When it is not, prints why the
 * terminal tests are skipped, or throws under CI=true, so they never pass silently.
 */
export function terminalAvailable(): boolean {
  if (spawnSync('script', ['--version']).status === 0) return true
  const reason = "util-linux's `script` is not installed (Debian: bsdutils), so there is no pseudo-terminal to run yo in"
  if (process.env.CI === 'true') throw new Error(`${reason}, and CI=true requires the terminal tests`)
  console.warn(`SKIPPED terminal tests: ${reason}`)
  return false
}

const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`

/**
 * Runs a command in a pseudo-terminal (util-linux `script`, 200 columns wide) as a person at a terminal would,
 * typing each answer when its prompt shows. Resolves when the command exits; kills it after `timeoutMs`.
 */
export function runInTerminal(command: string[], options: { cwd: string; env: NodeJS.ProcessEnv; answers: Answer[]; timeoutMs: number }): Promise<TerminalRun> {
  const shell = `stty cols 200 rows 50; exec ${command.map(quote).join(' ')}`
  const child = spawn('script', ['--quiet', '--flush', '--return', '--command', shell, '/dev/null'], { cwd: options.cwd, env: options.env, stdio: 'pipe' })
  let raw = ''
  const screen = () => stripVTControlCharacters(raw).replaceAll('\r\n', '\n')
  const answers = [...options.answers]
  let searchFrom = 0
  let typing = false
  /** Types the next answer when its prompt has shown, after a pause that lets the prompt start reading keys. */
  const answerIfAsked = () => {
    const next = answers[0]
    if (typing || !next) return
    const at = screen().indexOf(next.prompt, searchFrom)
    if (at === -1) return
    typing = true
    searchFrom = at + next.prompt.length
    setTimeout(() => {
      answers.shift()
      child.stdin.write(next.keys)
      typing = false
      answerIfAsked()
    }, 500)
  }
  child.stdout.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8')
    answerIfAsked()
  })
  child.stderr.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
  return new Promise((resolve) => {
    child.once('close', (status) => {
      clearTimeout(timer)
      child.stdin.end()
      resolve({ status, output: screen() })
    })
  })
}
