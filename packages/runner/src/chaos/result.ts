/** What every scenario reports: one row of the chaos table, plus the detail behind it. */
export interface ChaosResult {
  scenario: string
  submitted: number
  accepted: number
  completed: number
  /** Accepted but never completed (failed or unfinished). */
  lost: number
  duplicates: number
  /** Of POST /v1/links, in ms; NaN when the scenario sends none. */
  p99Ms: number
  /** Seconds from the end of the fault until the pipeline caught up; undefined when it never did or has no meaning here. */
  recoverSec: number | undefined
  /** Whether every assertion of the scenario held. */
  passed: boolean
  /** Short facts for the notes column: statuses seen, limits, what failed and why. */
  notes: string[]
}

export const RESULT_HEADER = [
  'scenario',
  'submitted',
  'accepted',
  'completed',
  'lost',
  'duplicates',
  'p99 POST ms',
  'time to recover',
  'passed',
  'notes',
] as const

export function resultRow(r: ChaosResult): Array<string | number> {
  return [
    r.scenario,
    r.submitted,
    r.accepted,
    r.completed,
    r.lost,
    r.duplicates,
    Number.isNaN(r.p99Ms) ? '—' : r.p99Ms.toFixed(0),
    r.recoverSec === undefined ? '—' : `${r.recoverSec.toFixed(1)} s`,
    r.passed ? 'yes' : '**no**',
    r.notes.join('; ').replaceAll('|', '/'),
  ]
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

export function formatStatuses(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .map(([status, n]) => `${n}×${status}`)
    .join(' ')
}

export function sumStatuses(...all: Array<Record<string, number>>): Record<string, number> {
  const sum: Record<string, number> = {}
  for (const statuses of all) for (const [k, n] of Object.entries(statuses)) sum[k] = (sum[k] ?? 0) + n
  return sum
}
