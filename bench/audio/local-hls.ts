import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Copies a simulator VOD's Twitch HLS (playlist and segments) into `dir` and returns the local
 * playlist, so a measurement's ffmpeg reads files: neither the simulator's CPU nor HTTP colours it.
 */
export async function copyHls(simUrl: string, videoId: string, dir: string): Promise<string> {
  const base = `${simUrl}/media/twitch/${videoId}/0/`
  const playlist = await (await fetch(`${base}index.m3u8`)).text()
  await mkdir(dir, { recursive: true })
  for (const name of playlist.split('\n').filter((l) => l !== '' && !l.startsWith('#'))) {
    await writeFile(join(dir, name), Buffer.from(await (await fetch(`${base}${name}`)).arrayBuffer()))
  }
  await writeFile(join(dir, 'index.m3u8'), playlist)
  return join(dir, 'index.m3u8')
}
