import { ErrorBody } from '@vodscope/contracts'
import Type, { type TSchema } from 'typebox'
import { GATEWAY_ERRORS, type GatewayErrorCode } from '../errors.js'

/** Errors any `/v1` route can answer with, besides its own. */
export const COMMON_ERRORS = [
  'UNAUTHORIZED',
  'HOST_NOT_ALLOWED',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
] as const satisfies GatewayErrorCode[]

/**
 * Response schemas for a route's error statuses: the contracts' ErrorBody with `code` narrowed to the
 * codes that status can carry, so the OpenAPI document lists them per route.
 */
export function errorResponses(...codes: GatewayErrorCode[]): Record<number, TSchema> {
  const byStatus = new Map<number, GatewayErrorCode[]>()
  for (const code of new Set([...codes, ...COMMON_ERRORS])) {
    const { status } = GATEWAY_ERRORS[code]
    byStatus.set(status, [...(byStatus.get(status) ?? []), code])
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      Type.Object(
        { ...ErrorBody.properties, code: Type.Enum(list) },
        { description: list.map((c) => `\`${c}\`: ${GATEWAY_ERRORS[c].description}`).join(' ') },
      ),
    ]),
  )
}

/** The catalogue as a Markdown table, for the OpenAPI description. */
export function errorCatalogueMarkdown(): string {
  const rows = Object.entries(GATEWAY_ERRORS).map(
    ([code, e]) => `| \`${code}\` | ${e.status} | ${e.retryable ? 'yes' : 'no'} | ${e.description} |`,
  )
  return ['| code | status | retryable | meaning |', '|---|---|---|---|', ...rows].join('\n')
}
