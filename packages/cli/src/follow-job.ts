import { setTimeout as sleep } from 'node:timers/promises'
import type { JobEventV1, JobView } from '@vodscope/contracts'
import { CliError, type GatewayClient } from './client.js'
import { applyEvent, type LiveProgress } from './live-progress.js'
import { readEvents } from './sse.js'

// Besides the live stream, re-read the job this often: a stage that reports no events still moves.
const POLL_MS = 2_000

/**
 * Follows a job until it finishes and returns the final job. The event stream gives the live detail;
 * a slow poll of the job covers stages that publish no events and a stream that closes early.
 */
export async function follow(
  client: GatewayClient,
  jobId: string,
  videoKey: string,
  progress: LiveProgress,
): Promise<JobView> {
  const title = `${videoKey} (job ${jobId})`
  const path = `/v1/jobs/${encodeURIComponent(jobId)}`
  const done = new AbortController()
  let job: JobView | undefined
  let pollError: unknown
  const show = (next: JobView) => {
    if (job?.finished) return // a poll answered after the end must not take the job back
    job = next
    progress.update(jobId, title, next.stages)
    if (next.finished) done.abort()
  }
  const polling = (async () => {
    while (!done.signal.aborted) {
      await sleep(POLL_MS, undefined, { signal: done.signal }).catch(() => undefined)
      if (!done.signal.aborted) show(await client.get<JobView>(path))
    }
  })().catch((error: unknown) => {
    // The gateway went away or refused the poll: stop the stream too and report it below.
    pollError = error
    done.abort()
  })
  try {
    // The stream request carries no abort signal: `done` ends the read through readEvents instead.
    for await (const { event, data } of readEvents(await client.stream(`${path}/events`), done.signal)) {
      if (event === 'snapshot' || event === 'end') show(data as JobView)
      else if (event === 'progress' && job !== undefined)
        show({ ...job, stages: applyEvent(job.stages, data as JobEventV1) })
    }
  } catch (error) {
    if (!done.signal.aborted) {
      done.abort()
      throw error
    }
  }
  await polling
  if (pollError !== undefined && job?.finished !== true) throw pollError
  if (job === undefined) throw new CliError(`job ${jobId} ended before the gateway reported it`)
  return job
}
