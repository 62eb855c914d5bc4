import { createHash, randomBytes } from 'node:crypto'
import type { VideoKey } from '@vodscope/contracts'

/**
 * The job id of a video's first job is derived from its key, so intake gives the same answer for the
 * same video even when MongoDB cannot be asked. 96 bits of SHA-256 as base64url: 16 characters, no
 * collision in any realistic number of videos.
 */
export function jobIdFor(videoKey: VideoKey): string {
  return createHash('sha256').update(videoKey).digest().subarray(0, 12).toString('base64url')
}

/** A forced re-run is a new job with a fresh id, so the finished one stays readable. */
export function freshJobId(): string {
  return randomBytes(12).toString('base64url')
}
