import { formatHighlights } from '@vodscope/cli'
import type { JobView, SubmitLinksResponse, VideoView } from '@vodscope/contracts'

/** Simulator VODs the demo submits: encoded ids (77 MMMM RRR: minutes, chat messages per minute). */
export const DEMO_LINKS = [
  'https://www.twitch.tv/videos/770045090001',
  'https://vod.sooplive.co.kr/player/770030060002',
  'https://www.youtube.com/watch?v=s0020120dmo',
] as const

/**
 * Submits the demo links, follows their jobs until they finish, and returns a printable summary:
 * a highlights table per video. Uses only the public HTTP API, like any client would.
 */
export async function runDemo(
  gateway: string,
  log: (line: string) => void,
  timeoutMs = 600_000,
): Promise<void> {
  const res = await fetch(`${gateway}/v1/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ links: DEMO_LINKS }),
  })
  if (res.status !== 202)
    throw new Error(`the gateway refused the demo links: HTTP ${res.status} ${await res.text()}`)
  const { results } = (await res.json()) as SubmitLinksResponse
  const deadline = Date.now() + timeoutMs
  for (const result of results) {
    if (result.status !== 'accepted') continue
    log(`demo: submitted ${result.videoKey} as job ${result.jobId}`)
    let job: JobView
    for (;;) {
      job = (await (await fetch(`${gateway}/v1/jobs/${result.jobId}`)).json()) as JobView
      if (job.finished || Date.now() > deadline) break
      await new Promise((resolve) => setTimeout(resolve, 1_000))
    }
    const stages = Object.entries(job.stages)
      .map(([name, s]) => `${name} ${s.status}`)
      .join(', ')
    log(`demo: ${result.videoKey}: ${stages}`)
    const video = (await (await fetch(`${gateway}/v1/videos/${result.videoKey}`)).json()) as VideoView
    if (video.highlights !== undefined) log(formatHighlights(video))
  }
}
