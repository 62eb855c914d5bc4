import os from 'node:os'
import { markdownTable, median, writeResultsBlock } from '../lib.js'
import type { GatewayKind } from './gateways.js'
import type { LoadResult } from './load.js'
import type { PublishedScenario, RampStep } from './scenarios.js'

export const KINDS: GatewayKind[] = ['batched', 'baseline']

/** Scenario 1 runs on gateways with default settings; 2, 2b and 3 on gateways without rate limit. */
export type Phase = 'published' | 'load'
export interface DbCounts {
  requests: number
  lookupsSkipped: number
  insertsSkipped: number
}

export interface Measurements {
  repeats: number
  partitions: number
  published: Record<GatewayKind, PublishedScenario[]>
  bursts: Record<GatewayKind, LoadResult[]>
  ramps: Record<GatewayKind, Array<{ best: RampStep | undefined; steps: RampStep[] }>>
  saturated: Record<GatewayKind, LoadResult[]>
  batches: Record<GatewayKind, Array<LoadResult & { linksPerSec: number }>>
  /** Links answered 202 over every run, and messages on the gateway's links topic at the end. */
  acceptedLinks: Record<GatewayKind, number>
  onTopic: Record<GatewayKind, number>
  /** Per phase: intake requests, and how many went on without a job lookup / insert (MongoDB too slow). */
  db: Record<Phase, Record<GatewayKind, DbCounts>>
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a'
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(1)}×` : 'n/a')

function dbRow(label: string, counts: Record<GatewayKind, DbCounts>): string[] {
  return [
    label,
    ...KINDS.map(
      (k) =>
        `${fmt(counts[k].requests)} / ${fmt(counts[k].lookupsSkipped)} / ${fmt(counts[k].insertsSkipped)}`,
    ),
    '',
  ]
}

export function renderReport(m: Measurements): string {
  const med = <T>(xs: T[], f: (x: T) => number) => median(xs.map(f))
  const per = (f: (k: GatewayKind) => number, digits = 0) => KINDS.map((k) => fmt(f(k), digits))
  const best = (k: GatewayKind) => med(m.ramps[k], (x) => x.best?.rate ?? 0)
  const bestAccepted = (k: GatewayKind) => med(m.ramps[k], (x) => x.best?.acceptedPerSec ?? 0)
  const links = (k: GatewayKind) => med(m.batches[k], (x) => x.linksPerSec)
  const saturated = (k: GatewayKind) => med(m.saturated[k], (x) => x.acceptedPerSec)
  const rows = [
    ['1. 50 req/s for 10 s: accepted of 500', ...per((k) => med(m.published[k], (x) => x.accepted)), ''],
    ['1. average latency (ms)', ...per((k) => med(m.published[k], (x) => x.avgMs), 1), ''],
    ['1. p99 latency (ms)', ...per((k) => med(m.published[k], (x) => x.p99Ms), 1), ''],
    ['1. errors (non-2xx, socket errors, timeouts)', ...per((k) => med(m.published[k], (x) => x.errors)), ''],
    ['1. of the 500 on the topic afterwards', ...per((k) => med(m.published[k], (x) => x.onTopic)), ''],
    [
      '1b. the same as bursts of 50 once a second: average latency (ms)',
      ...per((k) => med(m.bursts[k], (x) => x.avgMs), 1),
      '',
    ],
    ['1b. bursts: p99 latency (ms)', ...per((k) => med(m.bursts[k], (x) => x.p99Ms), 1), ''],
    ['1b. bursts: errors', ...per((k) => med(m.bursts[k], (x) => x.errors)), ''],
    [
      '2. highest offered rate with p99 < 50 ms and 0 errors (req/s)',
      ...per(best),
      ratio(best('batched'), best('baseline')),
    ],
    [
      '2. accepted req/s at that rate',
      ...per(bestAccepted),
      ratio(bestAccepted('batched'), bestAccepted('baseline')),
    ],
    [
      '2b. single-link req/s at saturation (100 connections, no rate cap)',
      ...per(saturated),
      ratio(saturated('batched'), saturated('baseline')),
    ],
    ['2b. p99 at saturation (ms)', ...per((k) => med(m.saturated[k], (x) => x.p99Ms), 1), ''],
    ['2b. errors at saturation', ...per((k) => med(m.saturated[k], (x) => x.errors)), ''],
    ['3. links/s with 100-link requests', ...per(links), ratio(links('batched'), links('baseline'))],
    ['3. p99 per 100-link request (ms)', ...per((k) => med(m.batches[k], (x) => x.p99Ms), 1), ''],
    ['3. errors', ...per((k) => med(m.batches[k], (x) => x.errors)), ''],
    dbRow('1 and 1b. requests / of them without job lookup / without job insert', m.db.published),
    dbRow('2–3. requests / of them without job lookup / without job insert', m.db.load),
    [
      'all runs: links answered 202 / messages on the topic',
      ...KINDS.map((k) => `${fmt(m.acceptedLinks[k])} / ${fmt(m.onTopic[k])}`),
      '',
    ],
  ]
  const ramp = KINDS.map(
    (k) =>
      `- ${k}: ${m.ramps[k]
        .map(
          (run, i) =>
            `run ${i + 1}: ${run.steps
              .map(
                (s) =>
                  `${s.rate}→${fmt(s.acceptedPerSec)}/s p99 ${fmt(s.p99Ms)} ms${s.errors ? ` ${s.errors} err` : ''}${s.passed ? '' : ' ✗'}`,
              )
              .join(', ')}`,
        )
        .join('; ')}`,
  )
  const cpu = os.cpus()
  return [
    `Run ${new Date().toISOString()} on ${cpu.length} cores (${cpu[0]?.model ?? 'unknown'}), Node ${process.version}, ` +
      `${m.partitions} partitions; medians of ${m.repeats} runs; load average at the end ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}.`,
    '',
    markdownTable(['figure', 'micro-batched', 'baseline (one send per request)', 'ratio'], rows),
    '',
    'Rate ramp, offered → accepted/s and p99 per step (✗: the step that failed):',
    '',
    ...ramp,
  ].join('\n')
}

/** Replaces the block between the result markers of RESULTS.md, keeping the prose around it. */
export function recordResults(block: string): void {
  writeResultsBlock(new URL('./RESULTS.md', import.meta.url), block)
}
