import { readFileSync } from 'node:fs'
import { childPids } from '../../test/support/server.js'

const tick = 100 // USER_HZ: /proc times are in 1/100 s on Linux

/** CPU seconds used by the whole machine (all cores, not idle or iowait) since boot. */
function machineBusy(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number)
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields
  return (user + nice + system + irq + softirq + steal) / tick
}

/** CPU seconds used by a process and its descendants (a cluster's workers; npm's wrangler and its workerd), from /proc. */
function processBusy(pid: number): number {
  let total = 0
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    total += (Number(fields[11]) + Number(fields[12])) / tick
  } catch {
    // Gone.
  }
  return childPids(pid).reduce((sum, child) => sum + processBusy(child), total)
}

/**
 * Starts watching the CPU: `done()` returns how many cores, on average, processes other than the
 * server under load and this benchmark kept busy meanwhile (other work on the machine skews a result).
 */
export function watchOthers(serverPid: number): { done: () => number } {
  const start = { at: performance.now(), machine: machineBusy(), server: processBusy(serverPid), self: process.cpuUsage() }
  return {
    done: () => {
      const seconds = (performance.now() - start.at) / 1000
      const self = process.cpuUsage(start.self)
      const others = machineBusy() - start.machine - (processBusy(serverPid) - start.server) - (self.user + self.system) / 1e6
      return Math.max(0, others / seconds)
    },
  }
}
