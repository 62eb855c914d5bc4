import { chmod, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveFfmpeg } from '../src/ffmpeg/ffmpeg-path.js'
import { useTempDir } from './helpers/temp-dir.js'

describe('resolveFfmpeg', () => {
  const tmp = useTempDir()

  it('prefers FFMPEG_PATH and fails fast, naming the variable, when it is not executable', async () => {
    const dir = tmp()
    const fake = join(dir, 'my-ffmpeg')
    await writeFile(fake, '#!/bin/sh\n')
    await chmod(fake, 0o755)
    expect(resolveFfmpeg({ FFMPEG_PATH: fake, PATH: '' })).toEqual({ path: fake, source: 'env' })
    expect(() => resolveFfmpeg({ FFMPEG_PATH: join(dir, 'missing'), PATH: '' })).toThrow(
      /FFMPEG_PATH=.*missing/,
    )
  })

  it('takes ffmpeg from PATH before the npm binary', async () => {
    const dir = tmp()
    await writeFile(join(dir, 'ffmpeg'), '#!/bin/sh\n')
    await chmod(join(dir, 'ffmpeg'), 0o755)
    expect(resolveFfmpeg({ PATH: `/nonexistent:${dir}` })).toEqual({
      path: join(dir, 'ffmpeg'),
      source: 'system',
    })
  })

  it('falls back to the binary shipped by @ffmpeg-installer', () => {
    const found = resolveFfmpeg({ PATH: '' })
    expect(found.source).toBe('npm')
    expect(found.path).toMatch(/@ffmpeg-installer/)
  })
})
