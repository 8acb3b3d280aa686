import { Prisma } from '../generated/prisma/client.js'
import type { ErrorStatus } from './problem.js'

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

/** One message per violated field, for a form or a problem document. */
export const alreadyTaken = (fields: string[]) => Object.fromEntries(fields.map((field) => [field, 'Already taken']))

/** Database errors that are the request's fault, as an HTTP status; undefined for anything else. */
export function databaseError(error: unknown): { status: ErrorStatus; message: string; errors?: Record<string, string> } | undefined {
  const taken = uniqueViolation(error)
  if (taken) return { status: 409, message: 'Conflict', errors: alreadyTaken(taken) }
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined
  if (error.code === 'P2025') return { status: 404, message: 'Not Found' }
  if (error.code === 'P2003' || error.code === 'P2014') return { status: 409, message: 'The row is referenced by, or refers to, a row that does not allow this change' }
  return undefined
}
