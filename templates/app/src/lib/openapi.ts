import { resolver } from 'hono-openapi'
import type { z } from 'zod'
import { problemDetails } from './problem.js'

/** What each error status of the JSON API means, as the OpenAPI document says it. */
const problemMeanings = {
  400: 'The query string is invalid (one message per parameter), or the body is not JSON text',
  404: 'No such row, or a page past the end of the list',
  409: 'Conflicts with stored rows: a value already taken, a related row that does not exist, or rows that still refer to this one',
  413: 'The body is over the size limit',
  415: 'The body is not JSON',
  422: 'The body is invalid: one message per field',
  503: 'The database cannot be reached for now: nothing was written; try again after Retry-After seconds',
}

type ProblemStatus = keyof typeof problemMeanings

/** A JSON response for `describeRoute`: `responses: { 200: jsonResponse('The user', userJson) }`. */
export function jsonResponse(description: string, schema: z.ZodType) {
  return { description, content: { 'application/json': { schema: resolver(schema) } } }
}

/** problem+json responses for `describeRoute`: `responses: { ...problems(404, 409) }`. */
export function problems(...statuses: ProblemStatus[]) {
  const response = (status: ProblemStatus) => ({ description: problemMeanings[status], content: { 'application/problem+json': { schema: resolver(problemDetails) } } })
  return Object.fromEntries(statuses.map((status) => [status, response(status)]))
}
