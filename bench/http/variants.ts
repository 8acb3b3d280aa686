/** A change to a copy of the generated app: exact text replacements in its files, each of which must match. */
export interface Variant {
  name: string
  description: string
  edits: { file: string; from: string; to: string }[]
}

/**
 * Template changes tried on copies of the generated quickstart app, to measure what a part of it costs or
 * gains. Earlier candidates that were adopted (see docs/performance.md) are measured here the other way round.
 */
export const variants: Variant[] = [
  { name: 'baseline', description: 'the generated app as it is', edits: [] },
  {
    name: 'prisma-count',
    description: "the list's total from Prisma's count() even without a filter, instead of lib/count.ts's plain COUNT(*)",
    edits: [
      { file: 'src/models/users.ts', from: "  const total = Object.keys(where).length > 0 ? await db.user.count({ where }) : await countAll(db, 'User')\n", to: '  const total = await db.user.count({ where })\n' },
      { file: 'src/models/users.ts', from: "import { countAll } from '../lib/count.js'\n", to: '' },
    ],
  },
  {
    name: 'no-secure-headers',
    description: 'without secureHeaders() (to measure it, not to ship)',
    edits: [
      { file: 'src/app.ts', from: '    .use(secureHeaders())\n', to: '' },
      { file: 'src/app.ts', from: "import { secureHeaders } from 'hono/secure-headers'\n", to: '' },
    ],
  },
]
