/**
 * `node --conditions=source --import tsx bench/ferretdb/run.ts` against the running devstack.
 *
 * How the cost of the database operations the pipeline relies on grows with collection size: a
 * collection of N job-shaped documents (and 6 N fan-in-shaped ones), then the median time of 20 runs
 * of each operation. An operation that FerretDB serves from an index stays flat as N grows; one it
 * answers by scanning grows with N. The baseline of each "conditional" row is the `_id`-only form the
 * pipeline uses instead (packages/worker-kit job-stages.ts, fan-in.ts). Prints a markdown table.
 */
import { randomUUID } from 'node:crypto'
import { connectMongo, loadInfraConfig } from '@vodscope/infra'
import { markdownTable, median } from '../lib.js'

const SIZES = [50, 500, 2_000] as const
const RUNS = 20

const stage = () => ({ status: 'queued', attempts: 0, progress: { done: 0, total: 0 }, error: null })

const mongo = await connectMongo(loadInfraConfig(process.env), `bench_ferretdb_${randomUUID().slice(0, 8)}`)
const rows: Array<Array<string | number>> = []
try {
  const results = new Map<string, number[]>()
  for (const n of SIZES) {
    await mongo.db.dropDatabase()
    const jobs = mongo.db.collection<{ _id: string; [k: string]: unknown }>('jobs')
    const fanin = mongo.db.collection<{ _id: string; [k: string]: unknown }>('fanin')
    await jobs.insertMany(
      Array.from({ length: n }, (_, i) => ({
        _id: `job_${i}`,
        videoKey: `twitch:${i}`,
        createdAt: new Date(),
        stages: { metadata: stage(), chat: stage(), audio: stage(), highlights: stage() },
      })),
    )
    await fanin.insertMany(
      Array.from({ length: n * 6 }, (_, i) => ({ _id: `f${i}`, fanin: `job_${i % n}`, kind: 'piece' })),
    )
    const ops: Array<[string, (i: number) => Promise<unknown>]> = [
      ['find by `_id`', (i) => jobs.findOne({ _id: `job_${i}` })],
      [
        'update by `_id`',
        (i) => jobs.updateOne({ _id: `job_${i}` }, { $set: { 'stages.chat.status': 'running' } }),
      ],
      [
        'update by `_id` + stage condition',
        (i) =>
          jobs.updateOne(
            { _id: `job_${i}`, 'stages.audio.status': { $nin: ['done', 'skipped'] } },
            { $set: { 'stages.audio.status': 'running' } },
          ),
      ],
      [
        'find all by `videoKey` (indexed on MongoDB)',
        (i) => jobs.find({ videoKey: `twitch:${i}` }).toArray(),
      ],
      [
        'count fan-in pieces by field (6 N docs)',
        (i) => fanin.countDocuments({ fanin: `job_${i}`, kind: 'piece' }),
      ],
    ]
    for (const [label, op] of ops) {
      const times: number[] = []
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now()
        await op(i)
        times.push(performance.now() - t)
      }
      results.set(label, [...(results.get(label) ?? []), median(times)])
    }
  }
  for (const [label, medians] of results) rows.push([label, ...medians.map((ms) => ms.toFixed(1))])
} finally {
  await mongo.db.dropDatabase().catch(() => undefined)
  await mongo.close()
}
process.stdout.write(
  `${markdownTable(['operation (median of 20, ms)', ...SIZES.map((n) => `N = ${n.toLocaleString('en')}`)], rows)}\n`,
)
