import 'dotenv/config'
import { fileURLToPath } from 'node:url'
import { defineConfig, env } from 'prisma/config'

// Prisma's CLI downloads a native schema engine on every command; this runs the same engine,
// shipped with the prisma package as WebAssembly, so `prisma db push` works offline too.
// Set PRISMA_SCHEMA_ENGINE_BINARY yourself to use another engine.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL('./prisma/schema-engine/main.mjs', import.meta.url))

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: env('DATABASE_URL') },
})
