import { parseArgs } from 'node:util'
import { startSim } from './server.js'

/**
 * `node --conditions=source --import tsx packages/upstream-sim/src/cli.ts [--port 4010] [--seed 1]
 *  [--latency-ms 0] [--latency-jitter-ms 0] [--fault-rate-429 0] [--fault-rate-5xx 0]
 *  [--fault-rate-gql 0] [--retry-after-sec 1] [--log-level info (or VODSCOPE_LOG_LEVEL)]`
 */
const { values } = parseArgs({
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    seed: { type: 'string' },
    'latency-ms': { type: 'string' },
    'latency-jitter-ms': { type: 'string' },
    'fault-rate-429': { type: 'string' },
    'fault-rate-5xx': { type: 'string' },
    'fault-rate-gql': { type: 'string' },
    'retry-after-sec': { type: 'string' },
    'log-level': { type: 'string' },
    'audio-cache-dir': { type: 'string' },
  },
})

function number(name: keyof typeof values, fallback: number): number {
  const raw = values[name]
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (typeof raw !== 'string' || !Number.isFinite(value) || value < 0) {
    console.error(`--${name}: expected a number >= 0, got ${JSON.stringify(raw)}`)
    process.exit(2)
  }
  return value
}

const rates = [
  { kind: 'rate-limit', rate: number('fault-rate-429', 0) },
  { kind: 'server-error', rate: number('fault-rate-5xx', 0) },
  { kind: 'gql-error', rate: number('fault-rate-gql', 0) },
] as const

const sim = await startSim({
  host: values.host,
  port: number('port', 4010),
  seed: number('seed', 1),
  latencyMs: number('latency-ms', 0),
  latencyJitterMs: number('latency-jitter-ms', 0),
  retryAfterSec: number('retry-after-sec', 1),
  faults: rates.filter((r) => r.rate > 0).map((r) => ({ ...r })),
  logLevel: values['log-level'] ?? process.env.VODSCOPE_LOG_LEVEL ?? 'info',
  audio: { cacheDir: values['audio-cache-dir'] },
})
console.log(`upstream-sim listening on ${sim.url} (truth: ${sim.url}/__truth/:platform/:videoId)`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0))
  })
}
