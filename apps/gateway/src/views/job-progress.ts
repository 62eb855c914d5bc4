import type { JobEventV1, JobView } from '@vodscope/contracts'

const TERMINAL = new Set(['done', 'failed', 'skipped'])

/**
 * Folds a job event into the view an SSE stream keeps, to know when the job has ended. A stage that
 * already ended stays ended: the stream subscribes before it reads the snapshot, so an event older
 * than the snapshot can arrive after it.
 */
export function applyJobEvent(view: JobView, event: JobEventV1): JobView {
  const stage = view.stages[event.stage]
  if (TERMINAL.has(stage.status) && !TERMINAL.has(event.status)) return view
  const ended = TERMINAL.has(event.status)
  const stages = {
    ...view.stages,
    [event.stage]: {
      ...stage,
      status: event.status,
      progress: event.progress ?? stage.progress,
      error: event.error ?? stage.error,
      startedAt: stage.startedAt ?? (event.status === 'queued' ? null : event.at),
      finishedAt: ended ? event.at : stage.finishedAt,
    },
  }
  return {
    ...view,
    updatedAt: later(event.at, view.updatedAt),
    finished: Object.values(stages).every((s) => TERMINAL.has(s.status)),
    stages,
  }
}

/** ISO-8601 UTC times compare correctly as strings. */
function later(a: string, b: string): string {
  if (a > b) return a
  return b
}
