import { Prisma } from '../generated/prisma/client.js'

/**
 * The fields of a unique constraint that a write violated (Prisma's P2002), or undefined for any other error.
 * Driver adapters report them under `meta.driverAdapterError`; the native engine under `meta.target`.
 */
export function uniqueViolation(error: unknown): string[] | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return undefined
  const meta = error.meta as { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } } } | undefined
  const fields = meta?.driverAdapterError?.cause?.constraint?.fields ?? meta?.target
  return Array.isArray(fields) ? fields.map(String) : []
}
