/**
 * `npm run bench [-- suite...]`: runs the benchmark suites one after another, each in its own
 * process (so one suite's memory and sockets never colour the next), against the stack that
 * `npm run bench` brought up. Each suite prints a markdown table and records it in its RESULTS.md.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

const SUITES = ['ingest', 'consume', 'pipeline', 'chat', 'audio', 'analysis', 'ferretdb', 'store'] as const
const root = new URL('../', import.meta.url).pathname

async function runSuite(suite: string): Promise<number> {
  const entry = `bench/${suite}/run.ts`
  if (!existsSync(`${root}${entry}`)) {
    process.stderr.write(`bench: ${entry} does not exist\n`)
    return 1
  }
  process.stdout.write(`\n## bench/${suite}\n\n`)
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', entry], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  })
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)))
}

const wanted = process.argv.slice(2)
const unknown = wanted.filter((s) => !(SUITES as readonly string[]).includes(s))
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown suite ${unknown.join(', ')}; choose from ${SUITES.join(', ')}\n`)
  process.exit(2)
}
let failed = 0
for (const suite of wanted.length > 0 ? wanted : SUITES) {
  if ((await runSuite(suite)) !== 0) failed++
}
process.exit(failed === 0 ? 0 : 1)
