import { PLAYER_PATH } from './player-js.js'

export const INNERTUBE_API_KEY = 'AIzaSyAO_FJ2SlqU8Q4STEHLGCilw_Y9_11qcW8'
export const INNERTUBE_CONTEXT = {
  client: { hl: 'en', gl: 'US', clientName: 'WEB', clientVersion: '2.20251001.01.00' },
}

/**
 * The watch page: the player script tag, then `var ytInitialPlayerResponse = {…};var meta = …` and
 * `var ytInitialData = {…};` exactly as the extractors search for them, and `ytcfg.set` with `jsUrl`.
 */
export function renderWatchPage(title: string, player: unknown, data: unknown): string {
  const ytcfg = {
    INNERTUBE_API_KEY,
    INNERTUBE_CONTEXT,
    INNERTUBE_CLIENT_VERSION: INNERTUBE_CONTEXT.client.clientVersion,
    PLAYER_JS_URL: PLAYER_PATH,
  }
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} - YouTube</title>
<script src="${PLAYER_PATH}" name="player_ias/base"></script>
<script nonce="sim">ytcfg.set(${json(ytcfg)});</script>
<script nonce="sim">window.ytcfg.set({"jsUrl":"${PLAYER_PATH}"});</script>
</head><body>
<script nonce="sim">var ytInitialPlayerResponse = ${json(player)};var meta = document.createElement('meta');</script>
<script nonce="sim">var ytInitialData = ${json(data)};</script>
</body></html>`
}

/** The live chat replay frame: ytcfg with the innertube context, and the first page as ytInitialData. */
export function renderReplayPage(data: unknown): string {
  const ytcfg = {
    INNERTUBE_API_KEY,
    INNERTUBE_CONTEXT,
    INNERTUBE_CLIENT_VERSION: INNERTUBE_CONTEXT.client.clientVersion,
  }
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<script nonce="sim">ytcfg.set(${json(ytcfg)});</script>
<script nonce="sim">window["ytInitialData"] = ${json(data)};</script>
</head><body><yt-live-chat-app></yt-live-chat-app></body></html>`
}

/** JSON that is safe inside a <script>: no `</script>` can end it early. */
function json(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c')
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}
