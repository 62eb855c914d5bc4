import { spawn } from 'node:child_process'
import type { Readable } from 'node:stream'
import installed from '@ffmpeg-installer/ffmpeg'

/** The static ffmpeg shipped in node_modules unless FFMPEG_PATH points at another one. */
export function defaultFfmpegPath(): string {
  return process.env.FFMPEG_PATH ?? installed.path
}

/** Runs ffmpeg to completion; resolves with its stdout, rejects with the tail of stderr. */
export function runFfmpeg(ffmpegPath: string, args: string[], input?: Buffer | Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, ['-hide_banner', '-nostdin', '-loglevel', 'error', ...args], {
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    let err = ''
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-4000)
    })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out))
      else reject(new Error(`ffmpeg exited with ${code ?? signal}: ${err.trim()}`))
    })
    if (input !== undefined && child.stdin !== null) {
      // ffmpeg may exit before reading everything (e.g. on a bad argument); its exit code tells why.
      child.stdin.on('error', () => {})
      if (Buffer.isBuffer(input)) child.stdin.end(input)
      else input.pipe(child.stdin)
    }
  })
}
