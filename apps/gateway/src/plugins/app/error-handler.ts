import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { GatewayError, type GatewayErrorCode, RETRY_AFTER_SEC } from '../../errors.js'

type ValidationError = NonNullable<FastifyError['validation']>[number]

/**
 * Turns every error into `{ code, message, details? }` with a catalogue code. Fastify's own errors
 * (bad JSON, body too large, schema validation) are translated; anything unexpected becomes
 * INTERNAL_ERROR with the stack in the log and never in the response.
 */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const known = toGatewayError(error)
  if (known === undefined) {
    request.log.error({ err: error }, 'unhandled error')
    return send(reply, new GatewayError('INTERNAL_ERROR', 'Something went wrong on our side.'))
  }
  if (known.statusCode >= 500) request.log.warn({ err: error }, known.message)
  return send(reply, known)
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return send(
    reply,
    new GatewayError('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}.`),
  )
}

function send(reply: FastifyReply, error: GatewayError) {
  const retryAfter = RETRY_AFTER_SEC[error.code as keyof typeof RETRY_AFTER_SEC]
  if (retryAfter !== undefined && !reply.hasHeader('retry-after'))
    reply.header('retry-after', String(retryAfter))
  return reply.code(error.statusCode).send({
    code: error.code,
    message: error.message,
    ...(error.details === undefined ? {} : { details: error.details }),
  })
}

const FASTIFY_CODES: Record<string, GatewayErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
}

function toGatewayError(error: FastifyError): GatewayError | undefined {
  if (error instanceof GatewayError) return error
  if (error.validation !== undefined)
    return validationError(error.validationContext ?? 'request', error.validation)
  const code = FASTIFY_CODES[error.code]
  if (code !== undefined) return new GatewayError(code, error.message)
  // Other client errors Fastify raises (e.g. a malformed URL) are the client's to fix, not ours.
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new GatewayError('VALIDATION_FAILED', error.message)
  }
  return undefined
}

function validationError(context: string, errors: ValidationError[]): GatewayError {
  const described = errors.map((e) => ({ field: fieldOf(e), message: messageOf(e) }))
  const first = described[0]
  const message = first === undefined ? `Invalid ${context}.` : `${context}${first.field}: ${first.message}`
  return new GatewayError('VALIDATION_FAILED', message, { context, errors: described })
}

function fieldOf(error: ValidationError): string {
  if (error.keyword === 'additionalProperties') {
    return `${error.instancePath}/${String(error.params.additionalProperty)}`
  }
  if (error.keyword === 'required') return `${error.instancePath}/${String(error.params.missingProperty)}`
  return error.instancePath
}

function messageOf(error: ValidationError): string {
  if (error.keyword === 'additionalProperties')
    return 'is not a known field (unknown fields are rejected, not ignored)'
  if (error.keyword === 'required') return 'is required'
  if (error.keyword === 'enum' && Array.isArray(error.params.allowedValues))
    return `must be one of ${error.params.allowedValues.join(', ')}`
  return error.message ?? 'is invalid'
}
