import { mediaBase, PLAYLIST_FILE } from '../audio/paths.js'
import type { Vod } from '../model/vod.js'
import type { VideoStatus } from '../model/well-known.js'
import { chatWindowSec, missingParts, restriction } from './variants.js'

/** SOOP's error codes for a VOD that does not exist and for one its owner made private. */
export const SOOP_NOT_FOUND = -6221
export const SOOP_PRIVATE = -6205

/**
 * The body of `POST /station/video/a/view` (`nApiLevel=10`). Durations in ms, times in KST. Fields
 * as yt-dlp reads them (extractor/afreecatv.py, read 2026-12) plus `chat_duration`; an adult or
 * subscriber-only VOD lists no files; chat URLs point at videoimg.sooplive.com's path here.
 */
export function vodInfo(origin: string, vod: Vod | undefined, status: VideoStatus): Record<string, unknown> {
  if (vod === undefined || status === 'deleted') {
    return { result: -1, data: { code: SOOP_NOT_FOUND, message: '존재하지 않는 VOD입니다.' } }
  }
  if (status === 'private') return { result: -1, data: { code: SOOP_PRIVATE, message: '비공개 VOD입니다.' } }
  const startMs = Date.parse(vod.publishedAt)
  const restricted = restriction(vod.videoId)
  const missing = missingParts(vod.videoId)
  return {
    result: 1,
    data: {
      title_no: Number(vod.videoId),
      title: vod.title,
      bj_id: vod.channel.id,
      writer_nick: vod.channel.name,
      broad_start: kst(startMs),
      total_file_duration: vod.profile.durationSec * 1000,
      view_cnt: vod.viewCount,
      thumb: `https://videoimg.sooplive.com/php/SnapshotLoad.php?rowKey=${vod.parts[0]?.partId ?? ''}_r`,
      category: '00040019',
      chat_duration: chatWindowSec(vod.videoId),
      adult_status: restricted === 'adult' ? 'notLogin' : '',
      sub_upload_type: restricted === 'subscribers' ? 'SUBSCRIBE' : '',
      files: (restricted === undefined ? vod.parts : [])
        .filter((part) => !missing.includes(part.index + 1))
        .map((part) => ({
          idx: part.index + 1,
          file_order: part.index + 1,
          file_type: 'REVIEW',
          duration: part.durationSec * 1000,
          file: `${mediaBase(origin, 'soop', vod.videoId, part.index)}/${PLAYLIST_FILE}`,
          file_info_key: part.partId,
          file_start: kst(startMs + part.startSec * 1000),
          chat: `${origin}/php/ChatLoadSplit.php?rowKey=${part.partId}_c`,
        })),
    },
  }
}

/** `YYYY-MM-DD HH:mm:ss` in Korea time, as SOOP writes every timestamp. */
function kst(ms: number): string {
  return new Date(ms + 9 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
}
