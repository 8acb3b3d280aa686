import { defineConfig } from 'prisma/config'

// Only `prisma generate` runs here; the database URL comes from DATABASE_URL when the server starts.
export default defineConfig({ schema: 'prisma/schema.prisma' })
