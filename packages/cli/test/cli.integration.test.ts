import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { Writable } from 'node:stream'
import { allTopics, codecs, type JobEventV1, namespace, STAGES, TOPICS } from '@vodscope/contracts'
import { connectMongo, createKafka, loadInfraConfig, provisionTopics } from '@vodscope/infra'
import { Partitioners } from 'kafkajs'
import { describe, expect, it, onTestFinished } from 'vitest'
import { parseInvocation } from '../src/args.js'
import { runCommand } from '../src/commands.js'

const API_KEY = `cli-test-${'k'.repeat(16)}`
const LINK = 'https://www.twitch.tv/videos/770030060101'

const GATEWAY_ENTRY = new URL('../../../apps/gateway/src/server.ts', import.meta.url).pathname
const ROOT = new URL('../../../', import.meta.url).pathname

/**
 * A real gateway process (real Kafka producer, MongoDB and event feed) on its own topics and database.
 * Started from its entry file rather than imported: the CLI must not depend on the gateway package
 * (the runner depends on the CLI, and the gateway's browser test on the runner).
 */
async function startGateway() {
  const id = randomUUID()
  const prefix = `test-${id}.`
  const dbName = `test-${id}`
  const infra = loadInfraConfig()
  const kafka = createKafka(infra, `cli-test-${id}`)
  const admin = kafka.admin()
  await admin.connect()
  await provisionTopics(admin, { partitions: 2, topics: allTopics(prefix) })
  const port = await freePort()
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', GATEWAY_ENTRY], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      TOPIC_PREFIX: prefix,
      MONGO_DB: dbName,
      API_KEYS: API_KEY,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
  await producer.connect()
  onTestFinished(async () => {
    await producer.disconnect()
    child.kill('SIGTERM')
    await once(child, 'exit')
    await admin.deleteTopics({ topics: allTopics(prefix) }).catch(() => undefined)
    await admin.disconnect()
    const mongo = await connectMongo(infra, dbName)
    await mongo.db.dropDatabase()
    await mongo.close()
  })
  const deadline = Date.now() + 60_000
  while (
    !(await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('the gateway did not start')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return { url, prefix, producer }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
}

/** Runs the CLI in-process; resolves to its exit code and what it printed. */
async function cli(argv: string[], env: NodeJS.ProcessEnv) {
  let out = ''
  let err = ''
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(String(chunk))
        done()
      },
    })
  const io = { out: sink((s) => (out += s)), err: sink((s) => (err += s)) }
  try {
    const code = await runCommand(parseInvocation(argv, env), io)
    return { code, out, err }
  } catch (error) {
    return { code: 1, out, err: err + (error as Error).message }
  }
}

describe('vodscope against a real gateway', () => {
  it('should submit, follow a job to its end, show its status, and manage dead letters', async () => {
    const gw = await startGateway()
    const env = { VODSCOPE_GATEWAY_URL: gw.url, VODSCOPE_API_KEY: API_KEY }

    const unauthorized = await cli(['status', 'nope'], { VODSCOPE_GATEWAY_URL: gw.url })
    expect(unauthorized.code).toBe(1)
    expect(unauthorized.err).toMatch(/401: UNAUTHORIZED.*--api-key/)

    const submitted = await cli(['submit', LINK, 'https://example.com/x'], env)
    expect(submitted.code).toBe(1) // one link was rejected
    const jobId = /→ job (\S+)/.exec(submitted.out)?.[1]
    expect(jobId, submitted.out).toBeDefined()
    expect(submitted.out).toMatch(/rejected {2}https:\/\/example\.com\/x: /)

    const status = await cli(['status', jobId!], env)
    expect(status.code).toBe(0)
    expect(status.out).toContain(`job ${jobId}  twitch:770030060101  in progress`)

    // Stand in for the workers: every stage reports done, until the waiting CLI has seen the end.
    const waiting = cli(['submit', LINK, '--wait'], env)
    let finished = false
    void waiting.then(() => (finished = true))
    const topic = namespace(gw.prefix).topics.jobEvents
    while (!finished) {
      const at = new Date().toISOString()
      const events: JobEventV1[] = STAGES.map((stage) => ({
        version: 1,
        jobId: jobId!,
        videoKey: 'twitch:770030060101',
        platform: 'twitch',
        videoId: '770030060101',
        stage,
        status: 'done',
        at,
      }))
      await gw.producer.send({
        topic,
        messages: events.map((e) => ({ key: e.jobId, value: codecs[TOPICS.jobEvents].encode(e) })),
      })
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    const waited = await waiting
    expect(waited.code, waited.err).toBe(0)
    expect(waited.out).toContain('highlights [########################] 100% done')
    expect(waited.out).toContain('twitch:770030060101: no video metadata')

    const missing = await cli(['highlights', 'twitch:770030060101'], env)
    expect(missing.code).toBe(1)
    expect(missing.err).toContain('404: VIDEO_NOT_FOUND')
    const missingExport = await cli(['highlights', 'twitch:770030060101', '--format', 'csv'], env)
    expect(missingExport).toMatchObject({ code: 1, out: '' })
    expect(missingExport.err).toContain('404: VIDEO_NOT_FOUND')

    const listed = await cli(['dlq', 'list', '--group', 'vodscope.extractor'], env)
    expect(listed).toMatchObject({ code: 0, out: 'no pending dead letters\n' })
    const replayed = await cli(['dlq', 'replay', '--group', 'vodscope.extractor', '0:0'], env)
    expect(replayed.code).toBe(1)
    expect(replayed.err).toContain('not pending (unknown or replayed already): 0:0')
  }, 90_000) // the gateway is a child process compiled by tsx at start: up to 60 s on a loaded machine

  it('should say the gateway is unreachable, naming its URL', async () => {
    const result = await cli(['status', 'j1'], { VODSCOPE_GATEWAY_URL: 'http://127.0.0.1:9' })
    expect(result.code).toBe(1)
    expect(result.err).toContain('cannot reach the gateway at http://127.0.0.1:9')
  })
})
