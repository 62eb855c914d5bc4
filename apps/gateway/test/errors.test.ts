import { CONTRACT_ERRORS } from '@vodscope/contracts'
import { describe, expect, it } from 'vitest'
import { GATEWAY_ERRORS, RETRY_AFTER_SEC } from '../src/errors.js'
import { buildWithFakes } from './helper.js'

describe('error catalogue', () => {
  const codes = Object.keys(GATEWAY_ERRORS)

  it('should give every error a unique, stable-looking code that no other catalogue uses', () => {
    expect(new Set(codes).size).toBe(codes.length)
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/)
      expect(Object.keys(CONTRACT_ERRORS)).not.toContain(code)
    }
  })

  it('should give every error an HTTP error status, a retryable flag and a description', () => {
    for (const [code, entry] of Object.entries(GATEWAY_ERRORS)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400)
      expect(entry.status, code).toBeLessThan(600)
      expect(typeof entry.retryable, code).toBe('boolean')
      expect(entry.description.length, code).toBeGreaterThan(10)
    }
  })

  it('should tell clients when to retry every retryable 429 and 503', () => {
    for (const [code, entry] of Object.entries(GATEWAY_ERRORS)) {
      if (entry.status === 429 || entry.status === 503) expect(RETRY_AFTER_SEC, code).toHaveProperty(code)
    }
  })

  it('should document every code in the OpenAPI document', async () => {
    const { app } = await buildWithFakes()
    const spec = (await app.inject('/openapi.json')).body
    for (const code of codes) expect(spec, code).toContain(`\`${code}\``)
  })
})
