import { accessSync, constants } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, join } from 'node:path'
import { AudioError } from '../errors.js'

export type FfmpegSource = 'env' | 'system' | 'npm'

export interface FfmpegBinary {
  path: string
  /** Where it came from, for the start-up log: operators must know which build decodes their audio. */
  source: FfmpegSource
}

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function findOnPath(pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (dir === '') continue
    const candidate = join(dir, process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg')
    if (isExecutable(candidate)) return candidate
  }
  return undefined
}

/**
 * The static build shipped by @ffmpeg-installer, so `npm ci` alone yields a working ffmpeg. Loaded
 * lazily: the package throws (a string) at import time on platforms it has no binary for, and that
 * must not break a machine that configured FFMPEG_PATH or has a system ffmpeg.
 */
function npmBinary(): string | undefined {
  try {
    const installer = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }
    return isExecutable(installer.path) ? installer.path : undefined
  } catch {
    return undefined
  }
}

/**
 * Finds ffmpeg in order: `FFMPEG_PATH` (explicit beats implicit; fails fast if it is wrong rather than
 * silently using another build), then `ffmpeg` on PATH (a distro build may have more codecs), then the
 * npm-shipped static binary.
 */
export function resolveFfmpeg(env: NodeJS.ProcessEnv = process.env): FfmpegBinary {
  const configured = env.FFMPEG_PATH
  if (configured !== undefined && configured !== '') {
    if (!isExecutable(configured)) {
      throw new AudioError('AUDIO_FFMPEG_NOT_FOUND', `FFMPEG_PATH=${configured} is not an executable file`)
    }
    return { path: configured, source: 'env' }
  }
  const system = findOnPath(env.PATH)
  if (system !== undefined) return { path: system, source: 'system' }
  const bundled = npmBinary()
  if (bundled !== undefined) return { path: bundled, source: 'npm' }
  throw new AudioError(
    'AUDIO_FFMPEG_NOT_FOUND',
    'ffmpeg not found: set FFMPEG_PATH, install ffmpeg on PATH, or install @ffmpeg-installer/ffmpeg',
  )
}
