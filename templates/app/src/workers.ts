import cluster, { type Worker } from 'node:cluster'

/**
 * Runs `count` copies of the server in worker processes that share its port (node:cluster). A worker that
 * dies after it started listening is replaced; one that dies before stops the whole server, since the next
 * would fail the same way. SIGINT or SIGTERM lets every worker finish its requests, then exits.
 */
export function runWorkers(count: number) {
  const workers = new Set<Worker>()
  const listening = new Set<Worker>()
  let stopping = false

  function start() {
    workers.add(cluster.fork())
  }

  function stop(exitCode = 0) {
    stopping = true
    process.exitCode = exitCode
    for (const worker of workers) worker.process.kill('SIGTERM')
  }

  cluster.on('listening', (worker) => listening.add(worker))
  cluster.on('exit', (worker, code, signal) => {
    workers.delete(worker)
    const served = listening.delete(worker)
    if (stopping) {
      if (workers.size === 0) process.exit()
    } else if (served) {
      console.error(`Worker ${worker.process.pid} exited (${signal ?? code}); starting another`)
      start()
    } else {
      console.error(`Worker ${worker.process.pid} exited (${signal ?? code}) before it could serve; stopping`)
      stop(1)
    }
  })
  process.on('SIGINT', () => stop())
  process.on('SIGTERM', () => stop())

  for (let i = 0; i < count; i++) start()
}
