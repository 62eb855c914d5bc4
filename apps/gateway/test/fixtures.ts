import { emptyStage, type JobDocument } from '@vodscope/contracts'

/** A queued job of `twitch:42`, id `job1`. */
export function jobDoc(overrides: Partial<JobDocument> = {}): JobDocument {
  const at = new Date('2026-01-02T03:04:05.000Z')
  return {
    _id: 'job1',
    videoKey: 'twitch:42',
    platform: 'twitch',
    videoId: '42',
    force: false,
    createdAt: at,
    updatedAt: at,
    stages: { metadata: emptyStage(), chat: emptyStage(), audio: emptyStage(), highlights: emptyStage() },
    ...overrides,
  }
}
