import { type DetectOptions, loadDetectOptions } from '@vodscope/highlights'
import { readEnum, readInt } from '@vodscope/infra'
import { type MediaUrlPolicy, mediaUrlPolicyFromEnv } from '@vodscope/platforms/media-url'
import { DECODER_DEFAULTS } from './ffmpeg/segment-decoder.js'
import type { PlanOptions } from './pipeline/plan-segments.js'

export const ROLES = ['all', 'planner', 'segments'] as const
export type Role = (typeof ROLES)[number]

export interface AudioAnalyzerConfig {
  /** Which consumer groups this process joins; segment workers scale on their own. */
  role: Role
  plan: PlanOptions
  decoder: {
    sampleRate: number // Hz
    maxProcesses: number // ffmpeg children per process
    stallTimeoutMs: number
    deadlineMs: number
    truncationToleranceSec: number
  }
  detect: DetectOptions
  /** Which media URLs may enter a segment message and reach ffmpeg. */
  media: MediaUrlPolicy
}

export const AUDIO_DEFAULTS = {
  role: 'all',
  segmentSec: 600, // ten minutes: ~1 s of ffmpeg each, and a 4 h VOD spreads over 24 messages
  minTailSec: 30, // a part's last 30 s or less join the segment before instead of being their own
} as const

/** Reads the environment once at start-up; a bad value fails fast naming its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AudioAnalyzerConfig {
  const int = (name: string, fallback: number, min: number, max: number) =>
    readInt(env, `VODSCOPE_AUDIO_${name}`, fallback, { min, max })
  return {
    role: readEnum(env, 'VODSCOPE_AUDIO_ROLE', ROLES, AUDIO_DEFAULTS.role),
    plan: {
      segmentSec: int('SEGMENT_SEC', AUDIO_DEFAULTS.segmentSec, 10, 7200),
      minTailSec: int('MIN_TAIL_SEC', AUDIO_DEFAULTS.minTailSec, 0, 600),
    },
    decoder: {
      sampleRate: int('SAMPLE_RATE', DECODER_DEFAULTS.sampleRate, 4000, 48_000),
      maxProcesses: int('FFMPEG_PROCESSES', DECODER_DEFAULTS.maxProcesses, 1, 256),
      stallTimeoutMs: int('STALL_TIMEOUT_MS', DECODER_DEFAULTS.stallTimeoutMs, 100, 3_600_000),
      deadlineMs: int('DEADLINE_MS', DECODER_DEFAULTS.deadlineMs, 1000, 86_400_000),
      truncationToleranceSec: int('TRUNCATION_TOLERANCE_SEC', DECODER_DEFAULTS.truncationToleranceSec, 0, 60),
    },
    detect: loadDetectOptions(env),
    media: mediaUrlPolicyFromEnv(env),
  }
}
