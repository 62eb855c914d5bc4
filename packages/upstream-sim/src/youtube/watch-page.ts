import { PLAYER_PATH } from './player-js.js'

export const INNERTUBE_API_KEY = 'AIzaSyAO_FJ2SlqU8Q4STEHLGCilw_Y9_11qcW8'
export const INNERTUBE_CONTEXT = {
  client: { hl: 'en', gl: 'US', clientName: 'WEB', clientVersion: '2.20251001.01.00' },
}

/**
 * Today's first `ytcfg.set(` on a YouTube page is a bootstrap call with a key and a value, not the
 * config object (upstreams.md 2026-12); clients must scan every call for `INNERTUBE_API_KEY`.
 */
const BOOTSTRAP_YTCFG = `<script nonce="sim">(function(){window.ytcfg=window.ytcfg||{};ytcfg.set('EMERGENCY_BASE_URL', '\\/error_204?t\\u003derror\\u0026level\\u003dERROR');})();</script>`

/**
 * The watch page: the bootstrap `ytcfg.set`, the player script tag, the config `ytcfg.set({…})`, then
 * `var ytInitialPlayerResponse = {…};var meta = …` and `var ytInitialData = {…};` as the extractors
 * search for them.
 */
export function renderWatchPage(title: string, player: unknown, data: unknown): string {
  const ytcfg = {
    INNERTUBE_API_KEY,
    INNERTUBE_CONTEXT,
    INNERTUBE_CLIENT_VERSION: INNERTUBE_CONTEXT.client.clientVersion,
    PLAYER_JS_URL: PLAYER_PATH,
  }
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} - YouTube</title>
${BOOTSTRAP_YTCFG}
<script src="${PLAYER_PATH}" name="player/base"></script>
<script nonce="sim">ytcfg.set(${json(ytcfg)});</script>
<script nonce="sim">window.ytcfg.set({"jsUrl":"${PLAYER_PATH}"});</script>
</head><body>
<script nonce="sim">var ytInitialPlayerResponse = ${json(player)};var meta = document.createElement('meta');</script>
<script nonce="sim">var ytInitialData = ${json(data)};</script>
</body></html>`
}

/** The live chat replay frame: bootstrap ytcfg, ytcfg with the innertube context, the first page (menu included) as ytInitialData. */
export function renderReplayPage(data: unknown): string {
  const ytcfg = {
    INNERTUBE_API_KEY,
    INNERTUBE_CONTEXT,
    INNERTUBE_CLIENT_VERSION: INNERTUBE_CONTEXT.client.clientVersion,
  }
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
${BOOTSTRAP_YTCFG}
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
