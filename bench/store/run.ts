/**
 * `node --conditions=source --import tsx bench/store/run.ts [server...]` (or `npm run bench -- store`).
 *
 * Every Mongo-compatible server the devstack can start, side by side, each started by the devstack's
 * own code on a free port in a temp folder (it never touches the shared stack):
 * - atomicity: 40 concurrent `$inc` / `$addToSet` / `findOneAndUpdate $inc` on one document (what
 *   arrived, and how many distinct counts the 40 replies carried), winners of 20 racing claims;
 * - inserts/s: 2,000 acknowledged `insertOne`s one after another, and from 16 concurrent writers;
 * - kill -9: 2,000 acknowledged inserts (16 writers), SIGKILL right after the last reply, restart, count;
 * - the operations the pipeline issues (packages/infra/src/store-operations.ts), median ms at 10k and
 *   100k documents per collection.
 * Servers: `mongo-java-server` (the default: H2, commit per ack), `mongo-java-server:background` (the
 * same with MVStore's own commit schedule: the cost of committing per ack), `mongo-java-server-memory`,
 * `ferretdb`. BENCH_STORE_SIZES overrides the sizes (e.g. `2000,10000`). Prints markdown tables.
 */
import { loadavg } from 'node:os'
import { type ScratchMongo, startScratchMongo } from '@vodscope/infra/scratch-mongo'
import { STORE_OPERATIONS, seedStore } from '@vodscope/infra/store-operations'
import { type Db, MongoClient } from 'mongodb'
import { markdownTable, median } from '../lib.js'

type Kind = 'mongo-java-server' | 'mongo-java-server-memory' | 'ferretdb'
interface Server {
  label: string
  kind: Kind
  commit: 'ack' | 'background'
  persistent: boolean
}

const SERVERS: Record<string, Server> = {
  'mongo-java-server': {
    label: 'mongo-java-server H2, commit per ack (default)',
    kind: 'mongo-java-server',
    commit: 'ack',
    persistent: true,
  },
  'mongo-java-server:background': {
    label: 'mongo-java-server H2, background commit',
    kind: 'mongo-java-server',
    commit: 'background',
    persistent: true,
  },
  'mongo-java-server-memory': {
    label: 'mongo-java-server memory',
    kind: 'mongo-java-server-memory',
    commit: 'ack',
    persistent: false,
  },
  ferretdb: { label: 'FerretDB 1.24.2 SQLite', kind: 'ferretdb', commit: 'ack', persistent: true },
}
const SIZES = (process.env.BENCH_STORE_SIZES ?? '10000,100000').split(',').map(Number)
const RACE = 40
const CLAIMANTS = 20
const INSERTS = 2_000
const WRITERS = 16
const RUNS = 10 // per operation and size; fewer when one run is slow
const OPERATION_BUDGET_MS = 5_000

const wanted = process.argv.slice(2)
const unknown = wanted.filter((name) => !(name in SERVERS))
if (unknown.length > 0) {
  process.stderr.write(
    `bench/store: unknown server ${unknown.join(', ')}; choose from ${Object.keys(SERVERS).join(', ')}\n`,
  )
  process.exit(2)
}
const chosen = (wanted.length > 0 ? wanted : Object.keys(SERVERS)).map((name) => SERVERS[name]!)

const atomicityRows: Array<Array<string | number>> = []
const durabilityRows: Array<Array<string | number>> = []
const operationRows = new Map<string, Array<string | number>>(
  STORE_OPERATIONS.map((op) => [op.name, [op.name]]),
)
const load = () => loadavg()[0]!.toFixed(1)

for (const server of chosen) {
  process.stderr.write(`bench/store: ${server.label} (load ${load()})\n`)
  const mongo = await startScratchMongo(server.kind, { commit: server.commit })
  try {
    atomicityRows.push([server.label, ...(await atomicity(mongo.url))])
    const [sequential, concurrent] = await insertRates(mongo.url)
    const survived = server.persistent ? await killNine(mongo) : 'not persistent'
    durabilityRows.push([server.label, sequential, concurrent, survived])
    for (const size of SIZES) {
      const medians = await operations(mongo.url, size)
      for (const [name, ms] of medians) operationRows.get(name)!.push(ms)
    }
  } finally {
    await mongo.dispose()
  }
}

const labels = chosen.map((server) => server.label)
process.stdout.write(`load average at the end: ${load()}\n\n`)
process.stdout.write(
  `${markdownTable(
    [
      'server',
      `${RACE}× $inc`,
      `${RACE}× $addToSet`,
      `${RACE}× findOneAndUpdate $inc (final / distinct replies)`,
      `winners of ${CLAIMANTS} claims`,
    ],
    atomicityRows,
  )}\n\n`,
)
process.stdout.write(
  `${markdownTable(
    [
      'server',
      `inserts/s, 1 writer`,
      `inserts/s, ${WRITERS} writers`,
      `kept after kill -9 (of ${INSERTS.toLocaleString('en')} acknowledged)`,
    ],
    durabilityRows,
  )}\n\n`,
)
process.stdout.write(
  `${markdownTable(
    ['operation (median ms)', ...labels.flatMap((label) => SIZES.map((n) => `${label}, ${n / 1000}k`))],
    [...operationRows.values()],
  )}\n`,
)

async function withDb<T>(url: string, name: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const client = new MongoClient(url)
  try {
    const db = client.db(name)
    try {
      return await fn(db)
    } finally {
      await db.dropDatabase().catch(() => undefined)
    }
  } finally {
    await client.close()
  }
}

/** `count` calls of `fn` at once. A declaration, hoisted: the measuring loop above runs before this line. */
function times<T>(count: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => fn(i)))
}

async function atomicity(url: string): Promise<Array<string | number>> {
  return withDb(url, 'bench_atomicity', async (db) => {
    const docs = db.collection<{ _id: string; n?: number; pieces?: number[]; status?: string }>('docs')
    await docs.insertMany([
      { _id: 'inc', n: 0 },
      { _id: 'set', pieces: [] },
      { _id: 'fam', n: 0 },
      { _id: 'claim', status: 'open' },
    ])
    await times(RACE, () => docs.updateOne({ _id: 'inc' }, { $inc: { n: 1 } }))
    await times(RACE, (i) => docs.updateOne({ _id: 'set' }, { $addToSet: { pieces: i } }))
    const replies = await times(RACE, () =>
      docs.findOneAndUpdate({ _id: 'fam' }, { $inc: { n: 1 } }, { returnDocument: 'after' }),
    )
    const claims = await times(CLAIMANTS, () =>
      docs.updateOne({ _id: 'claim', status: 'open' }, { $set: { status: 'taken' } }),
    )
    const read = async (id: string) => docs.findOne({ _id: id })
    return [
      (await read('inc'))?.n ?? 0,
      (await read('set'))?.pieces?.length ?? 0,
      `${(await read('fam'))?.n ?? 0} / ${new Set(replies.map((doc) => doc?.n)).size}`,
      claims.filter((result) => result.modifiedCount === 1).length,
    ]
  })
}

async function insertRates(url: string): Promise<[number, number]> {
  return withDb(url, 'bench_inserts', async (db) => {
    const docs = db.collection<{ _id: string; n: number }>('docs')
    for (let i = 0; i < 200; i++) await docs.insertOne({ _id: `warm${i}`, n: i }) // JIT and connection warm-up
    let started = performance.now()
    for (let i = 0; i < INSERTS; i++) await docs.insertOne({ _id: `s${i}`, n: i })
    const sequential = Math.round(INSERTS / ((performance.now() - started) / 1000))
    started = performance.now()
    await times(WRITERS, async (w) => {
      for (let i = w; i < INSERTS; i += WRITERS) await docs.insertOne({ _id: `c${i}`, n: i })
    })
    return [sequential, Math.round(INSERTS / ((performance.now() - started) / 1000))]
  })
}

async function killNine(mongo: ScratchMongo): Promise<string> {
  const client = new MongoClient(mongo.url)
  const docs = client.db('bench_kill').collection<{ _id: string; n: number }>('docs')
  await times(WRITERS, async (w) => {
    for (let i = w; i < INSERTS; i += WRITERS) await docs.insertOne({ _id: `k${i}`, n: i })
  })
  await mongo.kill()
  await client.close()
  await mongo.restart()
  return withDb(mongo.url, 'bench_kill', async (db) => `${await db.collection('docs').countDocuments()}`)
}

async function operations(url: string, size: number): Promise<Array<[string, string]>> {
  return withDb(url, `bench_ops_${size}`, async (db) => {
    const seeding = performance.now()
    await seedStore(db, size)
    process.stderr.write(
      `bench/store:   seeded ${size} in ${((performance.now() - seeding) / 1000).toFixed(1)} s\n`,
    )
    const result: Array<[string, string]> = []
    for (const operation of STORE_OPERATIONS) {
      const samples: number[] = []
      const budget = performance.now() + OPERATION_BUDGET_MS
      let failure: string | undefined
      for (let i = 0; i < RUNS && (samples.length < 3 || performance.now() < budget); i++) {
        const started = performance.now()
        try {
          const value = await operation.run(db, i)
          samples.push(performance.now() - started)
          if (JSON.stringify(value) !== JSON.stringify(operation.expected(size, i)))
            failure = `wrong result ${JSON.stringify(value).slice(0, 40)}`
        } catch (error) {
          // A server that refuses an operation (FerretDB: findAndModify with a projection) is a result.
          failure = `error: ${(error as Error).message.slice(0, 60)}`
        }
        if (failure !== undefined) break
      }
      result.push([operation.name, failure ?? median(samples).toFixed(1)])
    }
    return result
  })
}
