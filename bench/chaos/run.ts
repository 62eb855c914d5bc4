/**
 * The chaos suite (issue 9) from the command line: runs the named scenarios (all by default) one after
 * another, each on its own pipeline, and prints one markdown table row per scenario.
 *
 *   node --conditions=source --import tsx bench/chaos/run.ts [--full] [scenario...]
 *
 * Scenario names: poison, hostile-http, worker-crash, upstream-storm, broker-outage, db-outage, soak.
 * Ctrl-C stops the running scenario's pipeline (and second devstack) before exiting.
 * Sizes: small by default (CI); `--full` for the issue's; CHAOS_* variables override either
 * (see packages/runner/src/chaos/sizes.ts). The shared devstack must be up.
 */
import {
  type ChaosResult,
  chaosSizes,
  interrupted,
  RESULT_HEADER,
  resultRow,
  SCENARIOS,
} from '@vodscope/runner/chaos'
import { markdownTable } from '../lib.js'

const args = process.argv.slice(2)
const full = args.includes('--full')
const names = args.filter((a) => !a.startsWith('--'))
const unknown = names.filter((n) => !(n in SCENARIOS))
if (unknown.length > 0) {
  process.stderr.write(
    `unknown scenario ${unknown.join(', ')}; choose from ${Object.keys(SCENARIOS).join(', ')}\n`,
  )
  process.exit(2)
}
// Ctrl-C or a CI timeout: stop the scenario's processes, topics and second stack before exiting.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`${signal}: stopping the running scenario's pipeline\n`)
    void interrupted().finally(() => process.exit(130))
  })
}

const sizes = chaosSizes(full)
process.stderr.write(`chaos sizes: ${JSON.stringify(sizes)}\n`)

const results: ChaosResult[] = []
for (const name of names.length > 0 ? names : Object.keys(SCENARIOS)) {
  const started = Date.now()
  const result = await SCENARIOS[name]!(sizes)
  results.push(result)
  process.stderr.write(
    `${name} (${((Date.now() - started) / 1_000).toFixed(0)} s): ${JSON.stringify(result)}\n`,
  )
  process.stdout.write(`${markdownTable(RESULT_HEADER, [resultRow(result)])}\n`)
}
if (results.length > 1) process.stdout.write(`\n${markdownTable(RESULT_HEADER, results.map(resultRow))}\n`)
process.exitCode = results.every((r) => r.passed) ? 0 : 1
