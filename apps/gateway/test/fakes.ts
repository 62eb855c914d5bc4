import type { JobDocument, LinkSubmittedV1, VideoKey } from '@vodscope/contracts'
import { GatewayError } from '../src/errors.js'
import type { JobStore } from '../src/services/job-store.js'
import type { LinkQueue } from '../src/services/link-queue.js'
import type { Readiness } from '../src/services/readiness.js'
import type { VideoStore } from '../src/services/video-store.js'
import type { StoredHighlights, StoredVideo } from '../src/views/video-view.js'

/** Records what would have gone to Kafka; `down` makes it answer like an unreachable broker. */
export class FakeLinkQueue implements LinkQueue {
  readonly published: LinkSubmittedV1[] = []
  down = false

  async publish(links: LinkSubmittedV1[]): Promise<void> {
    if (links.length === 0) return
    if (this.down) throw new GatewayError('BROKER_UNAVAILABLE', 'Kafka did not acknowledge the links (fake).')
    this.published.push(...links)
  }

  async close(): Promise<void> {}
}

/** `jobs` in memory; `down` makes it behave like a MongoDB that does not answer. */
export class FakeJobStore implements JobStore {
  readonly docs = new Map<string, JobDocument>()
  down = false

  async findLatest(videoKeys: string[]) {
    if (this.down) return { jobs: new Map<string, string>(), complete: false }
    const newest = new Map<string, JobDocument>()
    for (const doc of this.docs.values()) {
      const seen = newest.get(doc.videoKey)
      if (videoKeys.includes(doc.videoKey) && (seen === undefined || doc.createdAt > seen.createdAt)) {
        newest.set(doc.videoKey, doc)
      }
    }
    return { jobs: new Map([...newest].map(([key, doc]) => [key, doc._id])), complete: true }
  }

  async record(jobs: JobDocument[]): Promise<boolean> {
    if (this.down) return false
    for (const job of jobs) if (!this.docs.has(job._id)) this.docs.set(job._id, job)
    return true
  }

  async findById(jobId: string): Promise<JobDocument | null> {
    if (this.down) throw new GatewayError('DATABASE_UNAVAILABLE', 'MongoDB did not answer (fake).')
    return this.docs.get(jobId) ?? null
  }

  async close(): Promise<void> {}
}

export class FakeVideoStore implements VideoStore {
  readonly videos = new Map<string, StoredVideo>()
  readonly highlights = new Map<string, StoredHighlights>()
  down = false

  async findVideo(videoKey: VideoKey) {
    if (this.down) throw new GatewayError('DATABASE_UNAVAILABLE', 'MongoDB did not answer (fake).')
    const video = this.videos.get(videoKey)
    return video === undefined ? null : { video, highlights: this.highlights.get(videoKey) ?? null }
  }

  async close(): Promise<void> {}
}

export class FakeReadiness implements Readiness {
  kafka = true
  mongo = true

  async check() {
    const result = (ok: boolean, what: string) =>
      ok ? { ok: true as const } : { ok: false as const, error: `${what} down` }
    return { kafka: result(this.kafka, 'kafka'), mongo: result(this.mongo, 'mongo') }
  }

  async close(): Promise<void> {}
}
