// Generates the seed's quickstart app into ./quickstart-app, installs it, creates its SQLite tables and serves it.
// Run with `npm run quickstart` (which builds the generator first). A second run reuses the folder.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createEnv } from 'yeoman-environment'

const root = fileURLToPath(new URL('..', import.meta.url))
const appDir = fileURLToPath(new URL('../quickstart-app/', import.meta.url))
const run = (command, args) => execFileSync(command, args, { cwd: appDir, stdio: 'inherit' })

if (existsSync(appDir)) {
  console.log(`quickstart-app/ exists: using it as it is (delete it to generate it again).`)
} else {
  const env = createEnv({ cwd: root })
  env.register(fileURLToPath(new URL('../dist/generators/app/index.js', import.meta.url)), { namespace: 'dbapp:app' })
  await env.run(['dbapp:app', 'quickstart-app', '--yes', '--skip-install'])
  run('npm', ['install', '--no-fund', '--no-audit'])
}
run('npx', ['prisma', 'db', 'push'])
console.log('\nServing the quickstart app: open http://localhost:3000/users (Ctrl-C stops it)\n')
const server = spawn('npm', ['run', 'dev'], { cwd: appDir, stdio: 'inherit' })
server.on('exit', (code) => process.exit(code ?? 0))
