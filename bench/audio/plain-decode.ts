import { spawn } from 'node:child_process'
import { resolveFfmpeg } from '@vodscope/audio-analyzer'

/**
 * The physical floor: the same ffmpeg decoding the same input to nothing (`-f null`), at its native
 * rate, no resampling, one process — what any analysis of this audio must at least pay.
 */
export function plainDecodeMs(url: string): Promise<number> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(
      resolveFfmpeg().path,
      ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', url, '-vn', '-f', 'null', '-'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0
        ? resolve(performance.now() - started)
        : reject(new Error(`ffmpeg exited ${code}: ${stderr}`)),
    )
  })
}
