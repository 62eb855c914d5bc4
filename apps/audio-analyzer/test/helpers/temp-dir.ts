import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

/** A fresh directory for one test file's generated media, removed when the file's tests end. */
export async function tempDir(prefix = 'audio-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  afterAll(() => rm(dir, { recursive: true, force: true }))
  return dir
}
