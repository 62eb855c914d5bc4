import { COLLECTIONS, type JobDocument, namespace } from '@vodscope/contracts'
import { createProducer, type DeadLetter, listDeadLetters, replayDeadLetters } from '@vodscope/worker-kit'
import { waitForJobs } from '../audit.js'
import { everyApp, PIECES_ENV, sleep, withPipeline } from '../harness.js'
import { shortVodLinks } from '../links.js'
import { submitLinks } from '../load.js'
import { poisonMessages } from '../poison-messages.js'
import { type ChaosResult, formatStatuses, percentile, sumStatuses } from '../result.js'
import type { ChaosSizes } from '../sizes.js'

/** A SOOP video whose metadata fetch fails until the "fix" (the fault is lifted). */
const FIXABLE_LINK = 'https://vod.sooplive.co.kr/player/770005030888888'
const FIXABLE_KEY = 'soop:770005030888888'

export interface PoisonDetail {
  /** Poison messages that reached every dead-letter topic they should, with the right reason. */
  deadLettered: number
  expected: number
  /** `key → group: what was wrong` for every poison message not dead-lettered as it should be. */
  problems: string[]
  /** Seconds each batch of good links took to finish: without poison, then alongside it. */
  cleanBatchSec: number | undefined
  poisonedBatchSec: number | undefined
  replayed: boolean
}

/**
 * Scenario 5: malformed and wrong-version messages written straight to every consumed topic while
 * good links flow. Each must land in its group's dead-letter topic with its reason, the good links
 * must not be slowed down, and a dead letter whose cause is fixed must succeed when replayed.
 * The replayed message is a real link whose upstream failed on every retry (a 503 storm on SOOP's VOD
 * info) — a message that cannot succeed no matter how often it is replayed is no test of replay.
 */
export async function poisonScenario(sizes: ChaosSizes): Promise<ChaosResult & { detail: PoisonDetail }> {
  // Only Twitch links here: the SOOP host is broken on purpose for the fixable message.
  const good = shortVodLinks(sizes.links * 2).filter((l) => l.includes('twitch'))
  const half = Math.max(1, Math.floor(good.length / 2))
  return withPipeline(
    {
      replicas: everyApp(sizes.replicas),
      // Exhaust the extractor's retries quickly so the fixable link dead-letters within seconds.
      env: { ...PIECES_ENV, VODSCOPE_EXTRACTOR_RETRY_ATTEMPTS: '2', VODSCOPE_EXTRACTOR_RETRY_BASE_MS: '200' },
      sim: { faults: [{ kind: 'server-error', match: 'soop.vod-info' }] },
    },
    async ({ pipeline, db, kafka, prefix }) => {
      const timeoutMs = sizes.timeoutSec * 1_000
      const clean = await timedBatch(pipeline.gateway, db, good.slice(0, half), sizes.ratePerSec, timeoutMs)

      const poison = poisonMessages(prefix, pipeline.mongoDb)
      const producer = createProducer(kafka)
      await producer.connect()
      const poisonedBatch = timedBatch(pipeline.gateway, db, good.slice(half), sizes.ratePerSec, timeoutMs)
      await producer.sendBatch({
        topicMessages: poison.map((p) => ({ topic: p.topic, messages: [{ key: p.key, value: p.value }] })),
      })
      await producer.disconnect()
      const fixable = await submitLinks(pipeline.gateway, [FIXABLE_LINK], 1)
      const poisoned = await poisonedBatch

      const groups = [...new Set(poison.flatMap((p) => p.groups))]
      const { extractor } = namespace(prefix).groups
      const letters = await waitForLetters(
        kafka,
        groups,
        (all) =>
          poison.every((p) => p.groups.every((g) => all.get(g)?.some((l) => l.key === p.key))) &&
          (all.get(extractor) ?? []).some((l) => l.key === FIXABLE_KEY),
        timeoutMs,
      )
      const problems: string[] = []
      let deadLettered = 0
      for (const p of poison) {
        const missing = p.groups
          .map((g) => ({ g, letter: letters.get(g)?.find((l) => l.key === p.key) }))
          .filter(({ g, letter }) => {
            if (letter === undefined) return problems.push(`${p.key} → ${g}: not dead-lettered`)
            if (letter.failure?.errorCode !== p.code || !letter.failure.errorMessage) {
              return problems.push(
                `${p.key} → ${g}: ${letter.failure?.errorCode} "${letter.failure?.errorMessage}", want ${p.code}`,
              )
            }
            return false
          })
        if (missing.length === 0) deadLettered++
      }

      // The fix: the upstream recovers; then the operator replays the dead letter.
      pipeline.sim.config({ faults: [] })
      const replay = await replayDeadLetters(kafka, {
        group: extractor,
        select: { filter: (l) => l.key === FIXABLE_KEY },
      })
      const fixed = await waitForJobs(db, fixable.accepted, timeoutMs)
      const replayed = replay.replayed.length === 1 && fixed.completed === 1
      if (!replayed)
        problems.push(`replay of ${FIXABLE_KEY}: ${JSON.stringify(replay)} ${fixed.failed.join(', ')}`)

      const accepted = clean.accepted + poisoned.accepted + fixable.accepted.length
      const completed = clean.completed + poisoned.completed + fixed.completed
      const latencies = [...clean.latencies, ...poisoned.latencies, ...fixable.latencies]
      const detail: PoisonDetail = {
        deadLettered,
        expected: poison.length,
        problems,
        cleanBatchSec: clean.seconds,
        poisonedBatchSec: poisoned.seconds,
        replayed,
      }
      return {
        scenario: '5 poison messages',
        submitted: good.length + 1,
        accepted,
        completed,
        lost: accepted - completed,
        duplicates: await extraJobs(db),
        p99Ms: percentile(latencies, 99),
        recoverSec: undefined,
        passed: problems.length === 0 && completed === accepted,
        notes: [
          `${deadLettered}/${poison.length} poison messages dead-lettered with their reason in every consuming group`,
          `good batch ${fmt(clean.seconds)} clean vs ${fmt(poisoned.seconds)} with poison`,
          `replay after fix: ${replayed ? 'completed' : 'FAILED'}`,
          formatStatuses(sumStatuses(clean.statuses, poisoned.statuses, fixable.statuses)),
          ...problems.slice(0, 5),
        ],
        detail,
      }
    },
  )
}

const fmt = (sec: number | undefined) => (sec === undefined ? 'unfinished' : `${sec.toFixed(1)} s`)

/** Submits a batch and waits for it: how long from the first POST until its last job finished. */
async function timedBatch(
  gateway: string,
  db: Parameters<typeof waitForJobs>[0],
  links: string[],
  rate: number,
  timeoutMs: number,
) {
  const started = Date.now()
  const load = await submitLinks(gateway, links, rate)
  const outcome = await waitForJobs(db, load.accepted, timeoutMs)
  return {
    accepted: load.accepted.length,
    completed: outcome.completed,
    latencies: load.latencies,
    statuses: load.statuses,
    seconds: outcome.allFinishedAt === undefined ? undefined : (outcome.allFinishedAt - started) / 1_000,
  }
}

async function waitForLetters(
  kafka: Parameters<typeof listDeadLetters>[0],
  groups: string[],
  done: (letters: Map<string, DeadLetter[]>) => boolean,
  timeoutMs: number,
): Promise<Map<string, DeadLetter[]>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    // In parallel: each read joins a throwaway consumer group, which takes seconds.
    const lists = await Promise.all(groups.map((group) => listDeadLetters(kafka, { group })))
    const letters = new Map(groups.map((group, i) => [group, lists[i]!]))
    if (done(letters) || Date.now() > deadline) return letters
    await sleep(1_000)
  }
}

async function extraJobs(db: Parameters<typeof waitForJobs>[0]): Promise<number> {
  const keys = await db.collection<JobDocument>(COLLECTIONS.jobs).distinct('videoKey')
  return (await db.collection(COLLECTIONS.jobs).countDocuments()) - keys.length
}
