import { describe, expect, it } from 'vitest'
import { AUDIO_ERRORS, AudioError } from '../src/errors.js'

describe('audio error catalogue', () => {
  it('documents every code under a unique AUDIO_ prefix and carries retryable from it', () => {
    for (const [code, entry] of Object.entries(AUDIO_ERRORS)) {
      expect(code).toMatch(/^AUDIO_[A-Z_]+$/)
      expect(entry.doc.length).toBeGreaterThan(10)
      expect(new AudioError(code as keyof typeof AUDIO_ERRORS, 'x').retryable).toBe(entry.retryable)
    }
  })
})
