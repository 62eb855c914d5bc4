import { hasChatReplay } from '../model/truth.js'
import type { Vod } from '../model/vod.js'
import type { VideoStatus } from '../model/well-known.js'
import { encodeContinuation } from './continuation.js'

/**
 * The watch page's `ytInitialData`, which is also the body of `/youtubei/v1/next`: owner, the live
 * chat entry point (streams only), and the "most replayed" heatmap in its current place
 * (`frameworkUpdates … macroMarkersListEntity`). Since Oct 2025 the entry point is only the Top chat
 * reload continuation: the chat-mode menu (Top chat / Live chat) is in the replay frame and the first
 * replay response (yt-dlp downloader/youtube_live_chat.py, read 2026-12), see {@link chatViewMenu}.
 */
export function initialData(vod: Vod, status: VideoStatus): Record<string, unknown> {
  const responseContext = {
    serviceTrackingParams: [
      { service: 'GFEEDBACK', params: [{ key: 'visitor_data', value: 'CgtzaW11bGF0b3I%3D' }] },
    ],
  }
  if (status !== 'ok')
    return {
      responseContext,
      contents: { twoColumnWatchNextResults: { results: { results: { contents: [] } } } },
    }
  const twoColumnWatchNextResults: Record<string, unknown> = {
    results: {
      results: {
        contents: [
          {
            videoPrimaryInfoRenderer: {
              title: { runs: [{ text: vod.title }] },
              viewCount: { videoViewCountRenderer: { viewCount: { simpleText: `${vod.viewCount} views` } } },
            },
          },
          {
            videoSecondaryInfoRenderer: {
              owner: {
                videoOwnerRenderer: {
                  title: { runs: [{ text: vod.channel.name }] },
                  navigationEndpoint: {
                    browseEndpoint: { browseId: vod.channel.id, canonicalBaseUrl: `/@${vod.channel.login}` },
                  },
                  thumbnail: {
                    thumbnails: [
                      { url: `https://yt3.ggpht.com/sim/${vod.channel.login}=s88`, width: 88, height: 88 },
                    ],
                  },
                  subscriberCountText: { simpleText: '12.3K subscribers' },
                },
              },
            },
          },
        ],
      },
    },
    // youtubei.js reads the heatmap only when the watch-next results have both columns.
    secondaryResults: { secondaryResults: { results: [] } },
  }
  if (hasChatReplay(vod))
    twoColumnWatchNextResults.conversationBar = { liveChatRenderer: liveChatRenderer(vod) }
  const data: Record<string, unknown> = { responseContext, contents: { twoColumnWatchNextResults } }
  if (vod.profile.durationSec >= 300) {
    data.frameworkUpdates = { entityBatchUpdate: { mutations: [heatmapMutation(vod)] } }
  }
  return data
}

function liveChatRenderer(vod: Vod) {
  return {
    continuations: [reload(vod, 'top')],
    isReplay: true,
    initialDisplayState: 'LIVE_CHAT_DISPLAY_STATE_EXPANDED',
    showHideButton: { toggleButtonRenderer: { isToggled: false } },
  }
}

function reload(vod: Vod, view: 'top' | 'all') {
  return {
    reloadContinuationData: {
      continuation: encodeContinuation({ type: 'reload', videoId: vod.videoId, view }),
      clickTrackingParams: 'sim',
    },
  }
}

/** The chat-mode menu: `subMenuItems[0]` is Top chat (filtered), `[1]` Live chat (every message). */
export function chatViewMenu(vod: Vod, selected: 'top' | 'all'): Record<string, unknown> {
  return {
    liveChatHeaderRenderer: {
      viewSelector: {
        sortFilterSubMenuRenderer: {
          subMenuItems: [
            { title: 'Top chat replay', selected: selected === 'top', continuation: reload(vod, 'top') },
            { title: 'Live chat replay', selected: selected === 'all', continuation: reload(vod, 'all') },
          ],
        },
      },
    },
  }
}

/** 100 markers; intensity is a low floor with a bump at every loud moment, normalised to a peak of 1. */
function heatmapMutation(vod: Vod) {
  const count = 100
  const durationMs = vod.profile.durationSec * 1000
  const width = durationMs / count
  const raw = Array.from({ length: count }, (_, i) => {
    const centreSec = ((i + 0.5) * width) / 1000
    const bumps = vod.loudMoments.reduce(
      (sum, m) => sum + Math.exp(-(((centreSec - m.atSec) / (width / 1000)) ** 2)),
      0,
    )
    return 0.15 + 0.05 * Math.sin(i * 1.7) + bumps
  })
  const peak = Math.max(...raw)
  return {
    entityKey: `heatmap-${vod.videoId}`,
    type: 'ENTITY_MUTATION_TYPE_REPLACE',
    payload: {
      macroMarkersListEntity: {
        markersList: {
          markerType: 'MARKER_TYPE_HEATMAP',
          markers: raw.map((value, i) => ({
            startMillis: String(Math.round(i * width)),
            durationMillis: String(Math.round(width)),
            intensityScoreNormalized: Number((value / peak).toFixed(4)),
          })),
        },
      },
    },
  }
}
