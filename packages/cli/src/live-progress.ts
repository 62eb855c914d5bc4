import type { JobEventV1, JobView, StageView } from '@vodscope/contracts'
import { progressLine, STAGES } from './format.js'

const TERMINAL = new Set(['done', 'failed', 'skipped'])

/** Folds a job event into the stages, keeping an ended stage ended (events may arrive late). */
export function applyEvent(stages: JobView['stages'], event: JobEventV1): JobView['stages'] {
  const stage = stages[event.stage]
  if (TERMINAL.has(stage.status) && !TERMINAL.has(event.status)) return stages
  const next: StageView = {
    ...stage,
    status: event.status,
    progress: event.progress ?? stage.progress,
    error: event.error ?? stage.error,
  }
  return { ...stages, [event.stage]: next }
}

/**
 * Progress bars of several jobs at once. On a terminal the block is redrawn in place; otherwise (a
 * pipe, CI logs) a line is printed only when a stage changes status, so logs stay short.
 */
export class LiveProgress {
  private readonly jobs = new Map<string, { title: string; stages: JobView['stages'] }>()
  private drawnLines = 0

  constructor(private readonly out: NodeJS.WritableStream & { isTTY?: boolean }) {}

  update(jobId: string, title: string, stages: JobView['stages']): void {
    const before = this.jobs.get(jobId)
    this.jobs.set(jobId, { title, stages })
    if (this.out.isTTY) {
      this.redraw()
      return
    }
    for (const name of STAGES) {
      if (before?.stages[name].status !== stages[name].status)
        this.out.write(`${title} ${progressLine(name, stages[name]).trimStart()}\n`)
    }
  }

  private redraw(): void {
    const lines = [...this.jobs.values()].flatMap((j) => [
      j.title,
      ...STAGES.map((s) => progressLine(s, j.stages[s])),
    ])
    // Move up over the previous block, then rewrite every line (clearing what was longer before).
    if (this.drawnLines > 0) this.out.write(`\x1b[${this.drawnLines}A`)
    this.out.write(lines.map((l) => `\x1b[2K${l}\n`).join(''))
    this.drawnLines = lines.length
  }
}
