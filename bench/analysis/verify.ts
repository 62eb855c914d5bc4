import { chatCollections, readChatMessages } from '@vodscope/chat-crawler'
import { COLLECTIONS, type HighlightsDocument, type JobDocument } from '@vodscope/contracts'
import type { MongoHandle } from '@vodscope/infra'
import type { SimHandle } from '@vodscope/upstream-sim'
import { expectedMessages, videoMessage } from '../chat/truth.js'
import type { BenchVod } from './vods.js'

/**
 * What a run must have produced before its figures may be recorded: every job's four stages done,
 * final fused highlights (audio and chat) for every VOD, and every VOD's stored chat equal to the
 * simulator's truth, message for message (id and offset). Returns the problems found; empty is a pass.
 */
export async function verifyRun(
  db: MongoHandle['db'],
  sim: SimHandle,
  vods: readonly BenchVod[],
  jobIds: readonly string[],
): Promise<string[]> {
  const problems: string[] = []
  const jobs = await db
    .collection<JobDocument>(COLLECTIONS.jobs)
    .find({ _id: { $in: [...jobIds] } })
    .toArray()
  if (jobs.length !== vods.length) problems.push(`${jobs.length} jobs stored for ${vods.length} VODs`)
  for (const job of jobs) {
    const open = Object.entries(job.stages).filter(([, s]) => s.status !== 'done')
    if (open.length > 0)
      problems.push(
        `${job._id} (${job.videoKey}): ${open.map(([name, s]) => `${name} ${s.status}`).join(', ')}`,
      )
  }
  const highlights = db.collection<HighlightsDocument>(COLLECTIONS.highlights)
  const { batches } = chatCollections(db)
  for (const vod of vods) {
    const videoKey = `${vod.platform}:${vod.videoId}`
    const doc = await highlights.findOne({ _id: videoKey })
    if (doc === null) problems.push(`${videoKey}: no highlights document`)
    else if (!doc.final || !doc.fused.chat || doc.highlights.length === 0)
      problems.push(
        `${videoKey}: highlights final=${doc.final} chat fused=${doc.fused.chat} count=${doc.highlights.length}`,
      )
    const job = jobs.find((j) => j.videoKey === videoKey)
    const expected = expectedMessages(sim, videoMessage(sim, vod.platform, vod.videoId, job?._id ?? 'none'))
    const truthCount = sim.truth(vod.platform, vod.videoId).chat.messageCount
    const stored = await readChatMessages(batches, videoKey)
    const matched = stored.filter((m) => expected.get(`${vod.platform}:${m.id}`) === m.offsetMs).length
    if (stored.length !== truthCount || matched !== truthCount || expected.size !== truthCount)
      problems.push(`${videoKey}: chat ${stored.length} stored, ${matched} match the truth's ${truthCount}`)
  }
  return problems
}
