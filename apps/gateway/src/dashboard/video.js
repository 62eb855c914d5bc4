// The video page: metadata, a timeline chart of loudness and chat rate with the highlights marked,
// and the ranked highlights, each linking into the VOD at its moment.
import { api, clock, download, el, mountApiKeyForm, showError } from './api.js'

const SVG = 'http://www.w3.org/2000/svg'
const WIDTH = 1000
const HEIGHT = 260
const PAD = { left: 48, right: 48, top: 12, bottom: 28 }

mountApiKeyForm()
const videoKey = decodeURIComponent(location.pathname.slice('/videos/'.length))
load()

async function load() {
  const status = document.getElementById('video-status')
  try {
    const path = `/v1/videos/${encodeURIComponent(videoKey)}`
    const [video, timeline] = await Promise.all([api(path), api(`${path}/timeline`)])
    document.title = `${video.title} · vodscope`
    document.getElementById('title').textContent = video.title
    document
      .getElementById('meta')
      .replaceChildren(
        `${video.videoKey} · ${video.channel.name} · ${clock(video.durationSec)} · `,
        el('a', { href: video.url, target: '_blank', rel: 'noopener' }, 'open the VOD'),
      )
    document.getElementById('chart').replaceChildren(chart(timeline, video.highlights))
    document.getElementById('highlights').replaceChildren(table(video.highlights))
    if (video.highlights.length > 0)
      document.getElementById('exports').replaceChildren(...exportButtons(path))
  } catch (error) {
    showError(status, error)
  }
}

const EXPORTS = [
  ['csv', 'CSV', 'a spreadsheet row per highlight'],
  ['chapters', 'YouTube chapters', 'description lines, first at 0:00'],
  ['edl', 'EDL', 'CMX3600 edit list for DaVinci Resolve or Premiere'],
  ['ffmpeg', 'ffmpeg script', 'sh script that cuts each highlight from a local copy'],
  ['json', 'JSON', 'the API answer'],
]

/** One download button per export format of GET /v1/videos/:videoKey/highlights?format=. */
function exportButtons(path) {
  const status = el('span', { class: 'muted', role: 'status' })
  const buttons = EXPORTS.map(([format, label, title]) =>
    el(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-format': format,
        title,
        onclick: () =>
          download(`${path}/highlights?format=${format}`).then(
            () => status.replaceChildren(),
            (error) => showError(status, error),
          ),
      },
      label,
    ),
  )
  return ['Download: ', ...buttons, status]
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag)
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value))
  node.append(...children)
  return node
}

/** Loudness as a line on the left axis, chat rate as bars on the right axis, highlights as bands. */
function chart(timeline, highlights) {
  const { bucketSec, loudness, chatPerMin, durationSec } = timeline
  const plotW = WIDTH - PAD.left - PAD.right
  const plotH = HEIGHT - PAD.top - PAD.bottom
  const x = (sec) => PAD.left + (plotW * sec) / Math.max(durationSec, 1)
  const measured = loudness.filter((v) => v !== null && v > -100)
  const lo = measured.length > 0 ? Math.floor(Math.min(...measured)) : -60
  const hi = measured.length > 0 ? Math.ceil(Math.max(...measured)) : 0
  const yLoud = (v) => PAD.top + plotH * (1 - (v - lo) / Math.max(hi - lo, 1))
  const chatMax = Math.max(1, ...chatPerMin)
  const yChat = (v) => PAD.top + plotH * (1 - v / chatMax)
  const top = highlights[0]
  const summary =
    `Timeline of ${clock(durationSec)}: loudness from ${lo} to ${hi} LUFS, chat up to ${Math.round(chatMax)} ` +
    `messages per minute, ${highlights.length} highlights` +
    (top === undefined ? '.' : `; the best at ${clock(top.startSec)}.`)

  const root = svg('svg', {
    class: 'chart',
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-labelledby': 'chart-title',
    'data-points': loudness.length,
  })
  root.append(svg('title', { id: 'chart-title' }, summary))
  for (const h of highlights) {
    const band = svg('rect', {
      class: 'highlight-band',
      x: x(h.startSec),
      y: PAD.top,
      width: Math.max(2, x(h.endSec) - x(h.startSec)),
      height: plotH,
      fill: 'var(--mark)',
      stroke: 'var(--bad)',
    })
    band.append(svg('title', {}, `#${h.rank} at ${clock(h.startSec)}, score ${h.score.toFixed(2)}`))
    root.append(
      band,
      svg(
        'text',
        { x: x(h.startSec) + 2, y: PAD.top + 12, 'font-size': 11, fill: 'var(--bad)' },
        `#${h.rank}`,
      ),
    )
  }
  const barW = Math.max(1, plotW / Math.max(chatPerMin.length, 1))
  const bars = svg('g', { class: 'chat-series', fill: 'var(--chat)', opacity: 0.55 })
  chatPerMin.forEach((v, i) => {
    if (v > 0)
      bars.append(
        svg('rect', { x: x(i * bucketSec), y: yChat(v), width: barW, height: PAD.top + plotH - yChat(v) }),
      )
  })
  root.append(bars)
  let d = ''
  loudness.forEach((v, i) => {
    if (v === null) return
    d += `${d === '' || loudness[i - 1] === null ? 'M' : 'L'}${x((i + 0.5) * bucketSec).toFixed(1)},${yLoud(Math.max(v, lo)).toFixed(1)}`
  })
  root.append(
    svg('path', { class: 'loudness-series', d, fill: 'none', stroke: 'var(--loud)', 'stroke-width': 1.5 }),
  )
  // Axes: time along the bottom, LUFS on the left, chat rate on the right.
  const axis = svg('g', { 'font-size': 11, fill: 'var(--muted)' })
  for (let i = 0; i <= 6; i++) {
    const sec = (durationSec * i) / 6
    axis.append(svg('text', { x: x(sec), y: HEIGHT - 8, 'text-anchor': 'middle' }, clock(sec)))
  }
  axis.append(
    svg('text', { x: 4, y: PAD.top + 10 }, `${hi} LUFS`),
    svg('text', { x: 4, y: PAD.top + plotH }, `${lo}`),
    svg('text', { x: WIDTH - 4, y: PAD.top + 10, 'text-anchor': 'end' }, `${Math.round(chatMax)}/min`),
    svg('line', {
      x1: PAD.left,
      x2: WIDTH - PAD.right,
      y1: PAD.top + plotH,
      y2: PAD.top + plotH,
      stroke: 'var(--muted)',
    }),
  )
  root.append(axis)
  return root
}

/** The top three words and emotes of the window, and its donations: why chat marked the moment. */
function chatSaid(chat) {
  if (chat === undefined) return '—'
  const counted = (list) =>
    list
      .slice(0, 3)
      .map((t) => `${t.text}×${t.count}`)
      .join(' ')
  const parts = [counted(chat.topTokens), counted(chat.topEmotes)]
  if (chat.donations !== undefined) parts.push(`${chat.donations.count} donations (${chat.donations.total})`)
  return parts.filter((p) => p !== '').join(' · ') || '—'
}

/** `+18.2 dB · chat 240/min (usual 12)`: the evidence behind the score, as packages/cli prints it. */
function evidenceText(evidence) {
  if (evidence === undefined) return '—'
  const db = `${evidence.loudnessDb >= 0 ? '+' : ''}${evidence.loudnessDb.toFixed(1)} dB`
  if (evidence.chatPerMin === undefined) return db
  const usual =
    evidence.usualChatPerMin === undefined ? '' : ` (usual ${Math.round(evidence.usualChatPerMin)})`
  return `${db} · chat ${Math.round(evidence.chatPerMin)}/min${usual}`
}

const SCORE_MEANING =
  "Score: how far the moment stands above this stream's usual level, 0.6 × audio + 0.4 × chat, in robust " +
  'standard deviations z, shown as z / (z + 6): 0.50 is 6 deviations, 0.75 is 18. The same scale for every ' +
  'VOD, and a louder or busier moment always scores higher.'

function chatTitle(chat) {
  if (chat === undefined) return undefined
  const list = (items) => items.map((t) => `${t.text} (${t.count})`).join(', ') || 'none'
  return `${chat.messages} messages in this window. Words: ${list(chat.topTokens)}. Emotes: ${list(chat.topEmotes)}.`
}

function table(highlights) {
  if (highlights.length === 0) return el('p', { class: 'muted' }, 'No highlights (yet).')
  const num = (v) => (v === undefined ? '—' : v.toFixed(2))
  return el(
    'div',
    {},
    highlightTable(highlights, num),
    el('p', { class: 'muted', id: 'score-meaning' }, SCORE_MEANING),
  )
}

function highlightTable(highlights, num) {
  return el(
    'table',
    { id: 'highlights-table' },
    el('caption', { class: 'sr-only' }, 'Highlights, best first'),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col', class: 'num' }, 'Rank'),
        el('th', { scope: 'col' }, 'Time'),
        el('th', { scope: 'col', class: 'num', title: SCORE_MEANING }, 'Score'),
        el('th', { scope: 'col', class: 'num' }, 'Audio'),
        el('th', { scope: 'col', class: 'num' }, 'Chat'),
        el('th', { scope: 'col' }, 'Evidence'),
        el('th', { scope: 'col' }, 'Chat said'),
        el('th', { scope: 'col' }, 'Watch'),
      ),
    ),
    el(
      'tbody',
      {},
      ...highlights.map((h) =>
        el(
          'tr',
          { class: 'highlight-row' },
          el('td', { class: 'num' }, String(h.rank)),
          el('td', {}, `${clock(h.startSec)}–${clock(h.endSec)}`),
          el('td', { class: 'num' }, h.score.toFixed(2)),
          el('td', { class: 'num' }, num(h.signals.audio)),
          el('td', { class: 'num' }, num(h.signals.chat)),
          el('td', { class: 'evidence' }, evidenceText(h.evidence)),
          el('td', { class: 'chat-said', title: chatTitle(h.chat) }, chatSaid(h.chat)),
          el(
            'td',
            {},
            el(
              'a',
              { href: h.url, target: '_blank', rel: 'noopener' },
              `Watch #${h.rank} at ${clock(h.startSec)}`,
            ),
          ),
        ),
      ),
    ),
  )
}
