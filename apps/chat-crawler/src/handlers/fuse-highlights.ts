import { computeHighlights } from '@vodscope/highlights'
import type { JobStages } from '@vodscope/worker-kit'
import type { Db } from 'mongodb'
import type { FuseHighlights } from './join-chat.js'

/**
 * The one place the chat stage hands over to the highlights: the shared ranking, which
 * reads `chat_stats` once the chat stage is done (or ranks by audio alone once it is skipped or
 * failed), and does nothing while the audio stage is unfinished — the audio stage calls it too when
 * it finishes, so whichever stage ends second produces the fused ranking.
 */
export function fuseWithAudio(deps: { db: Db; stages: JobStages }): FuseHighlights {
  return async (ref) => {
    await computeHighlights(deps, ref)
  }
}
