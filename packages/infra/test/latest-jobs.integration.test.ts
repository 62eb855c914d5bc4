import { randomUUID } from 'node:crypto'
import { COLLECTIONS, type LatestJobDocument } from '@vodscope/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectMongo, loadInfraConfig, pointLatestJobs } from '../src/index.js'

describe('latest_jobs', () => {
  let mongo: Awaited<ReturnType<typeof connectMongo>>
  beforeAll(async () => {
    mongo = await connectMongo(loadInfraConfig(), `test_latest_${randomUUID().slice(0, 8)}`)
  })
  afterAll(async () => {
    await mongo.db.dropDatabase()
    await mongo.close()
  })
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s))
  const latest = async (videoKey: string) =>
    (await mongo.db.collection<LatestJobDocument>(COLLECTIONS.latestJobs).findOne({ _id: videoKey }))?.jobId

  it('should move forward only: a newer job replaces the entry, an older one does not', async () => {
    await pointLatestJobs(mongo.db, [{ videoKey: 'twitch:1', jobId: 'j2', createdAt: at(2) }])
    await pointLatestJobs(mongo.db, [
      { videoKey: 'twitch:1', jobId: 'j1', createdAt: at(1) }, // older: refused by its _id, not an error
      { videoKey: 'twitch:9', jobId: 'j9', createdAt: at(1) },
    ])
    expect(await latest('twitch:1')).toBe('j2')
    expect(await latest('twitch:9')).toBe('j9')
    await pointLatestJobs(mongo.db, [{ videoKey: 'twitch:1', jobId: 'j3', createdAt: at(3) }])
    expect(await latest('twitch:1')).toBe('j3')
  })

  it('should end with the newest of many racing writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pointLatestJobs(mongo.db, [{ videoKey: 'soop:5', jobId: `j${i}`, createdAt: at(i) }]),
      ),
    )
    expect(await latest('soop:5')).toBe('j19')
  })
})
