import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { childPids, freePort } from '../../test/support/server.js'

/** A server process started by the benchmark, with what it took to come up. */
export interface Server {
  name: string
  url: string
  pid: number
  /** Milliseconds from spawn to the first 200 answer to `readyPath`. */
  startupMs: number
  /** Peak resident memory so far (VmHWM, with any child processes'), in MiB. */
  peakRssMiB: () => number
  output: () => string
  stop: () => Promise<void>
}

/** Reads VmHWM, the kernel's high-water mark of resident memory, from /proc, in MiB. */
function peakRss(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}

/** The process's peak RSS plus its descendants' (the workers of a node:cluster server; wrangler's workerd), in MiB. */
function treePeakRss(pid: number): number {
  return childPids(pid).reduce((sum, child) => sum + treePeakRss(child), peakRss(pid))
}

/**
 * Starts `node <script>` (or another `runtime`, such as bun, with `script` its arguments) in `cwd` on a free loopback port with DATABASE_URL, and
 * polls `readyPath` every 10 ms until it answers 200 (at most 60 s); `env` adds to the server's environment. The memory read is that of the
 * process and its descendants; stopping it stops its process group.
 */
export async function startServer(name: string, cwd: string, script: string | string[], databaseFile: string, readyPath: string, env: Record<string, string> = {}, runtime = process.execPath): Promise<Server> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let output = ''
  const start = performance.now()
  const child: ChildProcess = spawn(runtime, typeof script === 'string' ? [script] : script, {
    cwd,
    detached: true,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${databaseFile}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid ?? 0), name)
    } catch {
      // The group has gone.
    }
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) signal('SIGTERM')
    const killer = setTimeout(() => signal('SIGKILL'), 5_000)
    await exited
    clearTimeout(killer)
  }
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited before answering:\n${output}`)
    try {
      const response = await fetch(url + readyPath)
      await response.arrayBuffer()
      if (response.status === 200) break
    } catch {
      // Not listening yet.
    }
    if (performance.now() - start > 60_000) {
      await stop()
      throw new Error(`${name} did not answer within 60 s:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  const startupMs = performance.now() - start
  return { name, url, pid: child.pid ?? 0, startupMs, peakRssMiB: () => treePeakRss(child.pid ?? 0), output: () => output, stop }
}
