import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'

/**
 * A fresh directory for one suite's generated media, created before its tests and removed after.
 * Call at suite level; the returned function gives the path once the suite runs.
 */
export function useTempDir(prefix = 'audio-test-'): () => string {
  let dir: string | undefined
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix))
  })
  afterAll(() => (dir === undefined ? undefined : rm(dir, { recursive: true, force: true })))
  return () => {
    if (dir === undefined) throw new Error('useTempDir: the suite has not started')
    return dir
  }
}
