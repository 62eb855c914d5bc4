import { DETECT_DEFAULTS } from '@vodscope/highlights'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'

describe('loadConfig', () => {
  it('defaults to ten-minute segments, 8 kHz and both roles', () => {
    const config = loadConfig({})
    expect(config.role).toBe('all')
    expect(config.plan.segmentSec).toBe(600)
    expect(config.decoder.sampleRate).toBe(8000)
    expect(config.decoder.maxProcesses).toBeGreaterThanOrEqual(1)
    expect(config.detect).toEqual(DETECT_DEFAULTS)
  })

  it('reads overrides from the environment', () => {
    const config = loadConfig({
      VODSCOPE_AUDIO_ROLE: 'segments',
      VODSCOPE_AUDIO_SEGMENT_SEC: '120',
      VODSCOPE_AUDIO_FFMPEG_PROCESSES: '3',
      VODSCOPE_AUDIO_STALL_TIMEOUT_MS: '2000',
      VODSCOPE_AUDIO_TOP_K: '5',
    })
    expect(config.role).toBe('segments')
    expect(config.plan.segmentSec).toBe(120)
    expect(config.decoder.maxProcesses).toBe(3)
    expect(config.decoder.stallTimeoutMs).toBe(2000)
    expect(config.detect.topK).toBe(5)
  })

  it('fails fast, naming the variable, on a bad value', () => {
    expect(() => loadConfig({ VODSCOPE_AUDIO_SEGMENT_SEC: 'ten' })).toThrow(/VODSCOPE_AUDIO_SEGMENT_SEC/)
    expect(() => loadConfig({ VODSCOPE_AUDIO_ROLE: 'mixer' })).toThrow(
      /VODSCOPE_AUDIO_ROLE: must be one of all, planner, segments/,
    )
  })
})
