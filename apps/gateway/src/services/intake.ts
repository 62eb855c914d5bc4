import {
  type AcceptedLink,
  type JobDocument,
  type LinkSubmittedV1,
  newJobDocument,
  parseVideoUrl,
  type RejectedLink,
  type SubmitLinksBody,
  type SubmitLinksResponse,
  type VideoKey,
} from '@vodscope/contracts'
import type { Metrics } from '../metrics.js'
import { freshJobId, jobIdFor } from './job-id.js'
import type { JobStore } from './job-store.js'
import type { LinkQueue } from './link-queue.js'

export interface IntakeDeps {
  linkQueue: LinkQueue
  jobs: JobStore
  metrics: Metrics
  now?: () => Date
}

type Parsed = Extract<ReturnType<typeof parseVideoUrl>, { ok: true }>

/**
 * `POST /v1/links`: parse every link, reuse the job of a video that has one, queue the rest and wait
 * for the broker's acknowledgement, then record the new jobs as queued and answer once they are
 * stored, so `GET /v1/jobs/:id` finds a job as soon as its 202 is sent. Order matters: a job is
 * recorded only after its message is on the topic, so a recorded job is never one nobody will run.
 * When the database misses the intake deadline the links are still accepted (they are on the topic)
 * and the extractor records each job when it takes its message.
 * Rejects with BROKER_UNAVAILABLE (nothing recorded) when the broker did not acknowledge.
 */
export async function submitLinks(body: SubmitLinksBody, deps: IntakeDeps): Promise<SubmitLinksResponse> {
  const force = body.force === true
  const parsed = body.links.map((link) => ({ link, result: parseVideoUrl(link) }))
  const videos = new Map<VideoKey, Parsed>()
  for (const { result } of parsed) if (result.ok) videos.set(result.videoKey, result)

  const step = (name: 'lookup' | 'produce' | 'record') => deps.metrics.intakeStep.startTimer({ step: name })
  let timer = step('lookup')
  const existing =
    force || videos.size === 0
      ? { jobs: new Map<string, string>(), complete: true }
      : await deps.jobs.findLatest([...videos.keys()])
  timer()
  if (!existing.complete) deps.metrics.dbDegraded.inc({ step: 'lookup' })

  const now = (deps.now ?? (() => new Date()))()
  const decided = new Map<VideoKey, { jobId: string; created: boolean }>()
  const messages: LinkSubmittedV1[] = []
  const newJobs: JobDocument[] = []
  for (const [videoKey, video] of videos) {
    const known = existing.jobs.get(videoKey)
    if (known !== undefined) {
      decided.set(videoKey, { jobId: known, created: false })
      continue
    }
    const jobId = force ? freshJobId() : jobIdFor(videoKey)
    decided.set(videoKey, { jobId, created: true })
    newJobs.push(newJobDocument({ ...video, jobId }, force, now))
    messages.push({
      version: 1,
      jobId,
      videoKey,
      platform: video.platform,
      videoId: video.videoId,
      submittedAt: now.toISOString(),
      force,
    })
  }

  timer = step('produce')
  await deps.linkQueue.publish(messages)
  timer()
  timer = step('record')
  const recorded = newJobs.length === 0 || (await deps.jobs.record(newJobs))
  timer()
  if (!recorded) deps.metrics.dbDegraded.inc({ step: 'record' })

  const results = parsed.map(({ link, result }): AcceptedLink | RejectedLink => {
    if (!result.ok) return { link, status: 'rejected', reason: result.reason, message: result.message }
    const { jobId, created } = decided.get(result.videoKey)!
    return { link, status: 'accepted', jobId, videoKey: result.videoKey, platform: result.platform, created }
  })
  const accepted = results.filter((r) => r.status === 'accepted').length
  deps.metrics.links.inc({ outcome: 'queued' }, messages.length)
  deps.metrics.links.inc({ outcome: 'existing' }, videos.size - messages.length)
  deps.metrics.links.inc({ outcome: 'rejected' }, results.length - accepted)
  return { results, accepted, rejected: results.length - accepted }
}
