import { access, mkdir, rename } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Readable } from 'node:stream'
import { runFfmpeg } from './ffmpeg.js'
import type { PartTimeline } from './timeline.js'
import { framesBetween } from './timeline.js'

/** Frames handed to ffmpeg per write: keeps memory flat however long the part is. */
const CHUNK_FRAMES = 1024

/**
 * Writes the part as one `.m4a` (moov first, so a player or ffmpeg can seek over HTTP ranges) by
 * stream-copying the timeline's ADTS frames through ffmpeg: a remux, not an encode.
 */
export async function writeM4a(ffmpegPath: string, timeline: PartTimeline, target: string): Promise<void> {
  if (await exists(target)) return
  await mkdir(dirname(target), { recursive: true })
  // Write beside the target and rename: a reader never sees a half-written file.
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`
  const input = Readable.from(adtsChunks(timeline))
  await runFfmpeg(
    ffmpegPath,
    [
      '-f',
      'aac',
      '-i',
      'pipe:0',
      '-c:a',
      'copy',
      '-bsf:a',
      'aac_adtstoasc',
      '-movflags',
      '+faststart',
      '-f',
      'ipod',
      '-y',
      tmp,
    ],
    input,
  )
  await rename(tmp, target)
}

function* adtsChunks(timeline: PartTimeline): Generator<Buffer> {
  for (let from = 0; from < timeline.frameCount; from += CHUNK_FRAMES)
    yield framesBetween(timeline, from, from + CHUNK_FRAMES)
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  )
}
