import { randomUUID } from 'node:crypto'
import { connectMongo, type MongoHandle } from '@vodscope/infra'
import { onTestFinished } from 'vitest'
import { infra } from './kafka.js'

/** A database of the test's own, dropped when the test finishes. */
export async function testDatabase(): Promise<MongoHandle & { name: string }> {
  const name = `test-${randomUUID()}`
  const handle = await connectMongo(infra, name)
  onTestFinished(async () => {
    await handle.db.dropDatabase().catch(() => {})
    await handle.close()
  })
  return { ...handle, name }
}
