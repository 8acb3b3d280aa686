/** A change to a copy of the generated app: exact text replacements in its files, each of which must match. */
export interface Variant {
  name: string
  description: string
  edits: { file: string; from: string; to: string }[]
}

const walPragma = {
  file: 'src/server.ts',
  from: "const db = createDb()\n",
  to: "const db = createDb()\n// WAL lets readers run beside the writer (and other processes); NORMAL syncs at checkpoints, not every commit.\nawait db.$queryRawUnsafe('PRAGMA journal_mode = WAL')\nawait db.$queryRawUnsafe('PRAGMA synchronous = NORMAL')\n",
}

/**
 * Candidate template changes, tried on copies of the generated quickstart app. None needs hand-written
 * SQL in a route, query or view; the PRAGMAs are two lines of server start-up.
 */
export const variants: Variant[] = [
  { name: 'baseline', description: 'the generated app as it is', edits: [] },
  {
    name: 'no-middleware',
    description: 'without secureHeaders, bodyLimit, the content-type checks and csrf (to measure them, not to ship)',
    edits: [
      { file: 'src/app.ts', from: '    .use(secureHeaders())\n', to: '' },
      { file: 'src/app.ts', from: '    .use(bodyLimit({ maxSize: maxBodySize, onError: tooLarge }))\n', to: '' },
      { file: 'src/app.ts', from: "    .use('/api/*', jsonBodies)\n", to: '' },
      { file: 'src/app.ts', from: "    .use(except('/api/*', formBodies, csrf()))\n", to: '' },
      { file: 'src/app.ts', from: "import { bodyLimit } from 'hono/body-limit'\nimport { except } from 'hono/combine'\nimport { csrf } from 'hono/csrf'\nimport { secureHeaders } from 'hono/secure-headers'\n", to: '' },
      { file: 'src/app.ts', from: "import { formBodies, jsonBodies } from './middleware/content-type.js'\n", to: '' },
      { file: 'src/app.ts', from: 'import { notFound, onError, tooLarge }', to: 'import { notFound, onError }' },
      { file: 'src/app.ts', from: '/** Request bodies larger than this are refused with 413. */\nconst maxBodySize = 1024 * 1024\n', to: '' },
    ],
  },
  {
    name: 'count-parallel',
    description: 'count() and findMany() started together (Promise.all), as in the obvious app',
    edits: [
      {
        file: 'src/queries/users.ts',
        from: '  const total = await db.user.count({ where })\n  const pages = pageCount(total, per_page, page)\n  const items = await db.user.findMany({ where, orderBy: orderings[sort], skip: (page - 1) * per_page, take: per_page })\n',
        to: '  const [total, items] = await Promise.all([\n    db.user.count({ where }),\n    db.user.findMany({ where, orderBy: orderings[sort], skip: (page - 1) * per_page, take: per_page }),\n  ])\n  const pages = pageCount(total, per_page, page)\n',
      },
    ],
  },
  {
    name: 'count-fast-path',
    description: 'an unfiltered list counts with SELECT COUNT(*) FROM "user" instead of Prisma\'s count() (its subquery scans every row)',
    edits: [
      {
        file: 'src/queries/users.ts',
        from: '  const total = await db.user.count({ where })\n',
        to: '  const total = q ? await db.user.count({ where }) : Number((await db.$queryRaw<[{ total: bigint }]>`SELECT COUNT(*) AS total FROM "user"`)[0].total)\n',
      },
    ],
  },
  { name: 'wal', description: 'PRAGMA journal_mode = WAL and synchronous = NORMAL at start-up', edits: [walPragma] },
  {
    name: 'cluster-wal',
    description: 'WAL as above, and node:cluster with one worker per core',
    edits: [
      walPragma,
      { file: 'src/server.ts', from: "import 'dotenv/config'\n", to: "import 'dotenv/config'\nimport cluster from 'node:cluster'\nimport { availableParallelism } from 'node:os'\n" },
      {
        file: 'src/server.ts',
        from: 'const db = createDb()\n',
        to: "const workers = Number(process.env.WEB_CONCURRENCY ?? availableParallelism())\nif (cluster.isPrimary && workers > 1) {\n  for (let i = 0; i < workers; i++) cluster.fork()\n  const stop = () => Object.values(cluster.workers ?? {}).forEach((worker) => worker?.kill('SIGTERM'))\n  process.once('SIGINT', stop)\n  process.once('SIGTERM', stop)\n} else {\nconst db = createDb()\n",
      },
      { file: 'src/server.ts', from: "process.once('SIGTERM', shutdown)\n", to: "process.once('SIGTERM', shutdown)\n}\n" },
    ],
  },
]
