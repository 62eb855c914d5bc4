import { readFileSync, writeFileSync } from 'node:fs'
/** Small helpers shared by the benchmark suites. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export function markdownTable(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string {
  const line = (cells: ReadonlyArray<string | number>) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Replaces the block between the result markers of a suite's RESULTS.md, keeping the prose around it. */
export function writeResultsBlock(path: URL, block: string): void {
  const current = readFileSync(path, 'utf8')
  writeFileSync(
    path,
    current.replace(
      /<!-- results:start -->[\s\S]*<!-- results:end -->/,
      `<!-- results:start -->\n${block}\n<!-- results:end -->`,
    ),
  )
}
