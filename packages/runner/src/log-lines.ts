/**
 * Turns one line of a child's output into a readable line with the process name in front. Children
 * log JSON (pino); the runner shows time, level, message and the job fields, and passes anything
 * else through unchanged, so nothing a process prints is lost.
 */
const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
}
const SHOWN_FIELDS = ['jobId', 'videoKey', 'topic', 'partition', 'offset', 'err', 'error', 'code', 'reason']

export function formatLogLine(source: string, line: string): string {
  const prefix = source.padEnd(18)
  if (!line.startsWith('{')) return `${prefix} ${line}`
  let entry: Record<string, unknown>
  try {
    entry = JSON.parse(line) as Record<string, unknown>
  } catch {
    return `${prefix} ${line}`
  }
  const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(11, 23) : ''
  const level = typeof entry.level === 'number' ? (LEVELS[entry.level] ?? String(entry.level)) : ''
  const fields = SHOWN_FIELDS.filter((f) => entry[f] !== undefined)
    .map((f) => `${f}=${describe(entry[f])}`)
    .join(' ')
  return `${prefix} ${time} ${level.padEnd(5)} ${String(entry.msg ?? '')}${fields ? ` ${fields}` : ''}`
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'object' && value !== null && 'message' in value) return String(value.message)
  return JSON.stringify(value)
}
