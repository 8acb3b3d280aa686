import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, readlinkSync, realpathSync } from 'node:fs'
import net from 'node:net'

/** The pids of a process's children (a node:cluster primary's workers), from /proc; none once it has gone. */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  } catch {
    return []
  }
}

/** The binaries of a process and all its descendants (npm, then tsx or bun, then the server), from /proc. */
export function binariesUnder(pid: number): string[] {
  const exe = (id: number) => {
    try {
      return [realpathSync(readlinkSync(`/proc/${id}/exe`))]
    } catch {
      return []
    }
  }
  return [...exe(pid), ...childPids(pid).flatMap(binariesUnder)]
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export interface RunningApp {
  url: string
  /** The process started (for `npm run`, npm's). */
  pid: number
  output: () => string
  stop: () => Promise<number | null>
}

/** Starts `npm run <script>` in an app on a free loopback port and waits until it answers. */
export function startApp(appDir: string, script = 'dev', env: Record<string, string> = {}): Promise<RunningApp> {
  return startProcess(appDir, ['npm', 'run', script], env)
}

/** Starts a command (e.g. `node dist/server.js`) in an app on a free loopback port and waits until it answers. */
export async function startProcess(appDir: string, [command = 'node', ...args]: string[], env: Record<string, string> = {}): Promise<RunningApp> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let output = ''
  const child: ChildProcess = spawn(command, args, {
    cwd: appDir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode} before answering:\n${output}`)
    try {
      await fetch(url, { redirect: 'manual' })
      break
    } catch {
      if (Date.now() > deadline) throw new Error(`the app did not answer within 60 s:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  return {
    url,
    pid: child.pid ?? 0,
    output: () => output,
    // Stops the process group (npm's children too); a second call waits for the same exit.
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGTERM')
      return exited
    },
  }
}

/** Posts a form as the browser does from the app's own page (that Origin passes the CSRF check; another `origin` does not); redirects are not followed. */
export const postForm = (app: RunningApp, path: string, form: Record<string, string>, origin = app.url) =>
  fetch(app.url + path, { method: 'POST', body: new URLSearchParams(form), headers: { Origin: origin }, redirect: 'manual' })

/** Posts JSON to the app. */
export const postJson = (app: RunningApp, path: string, body: unknown) =>
  fetch(app.url + path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } })
