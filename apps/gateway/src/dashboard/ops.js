// The ops page: consumer-group lag per partition, dead letters with replay, and topic end offsets.
import { api, el, mountApiKeyForm, showError } from './api.js'

const status = document.getElementById('ops-status')

mountApiKeyForm()
document.getElementById('refresh').addEventListener('click', load)
load()

async function load() {
  status.replaceChildren(el('p', { class: 'muted' }, 'Loading…'))
  try {
    const [topics, groups, dead] = await Promise.all([
      api('/v1/ops/topics'),
      api('/v1/ops/groups'),
      api('/v1/ops/dead-letters?limit=200'),
    ])
    document.getElementById('groups').replaceChildren(...groups.groups.map(renderGroup))
    document.getElementById('dead-letters').replaceChildren(renderDeadLetters(dead))
    document.getElementById('topics').replaceChildren(renderTopics(topics.topics))
    status.replaceChildren(el('p', { class: 'muted' }, `Updated ${new Date().toLocaleTimeString()}.`))
  } catch (error) {
    showError(status, error)
  }
}

function headRow(...titles) {
  return el('thead', {}, el('tr', {}, ...titles.map(([t, cls]) => el('th', { scope: 'col', class: cls }, t))))
}

function renderGroup(group) {
  return el(
    'div',
    { class: 'group', 'data-group': group.group },
    el(
      'h3',
      {},
      `${group.group} `,
      el('span', { class: 'muted' }, `${group.state}, ${group.members} members, lag ${group.totalLag}`),
    ),
    el(
      'table',
      {},
      el('caption', { class: 'sr-only' }, `Lag of ${group.group} per partition`),
      headRow(['Topic'], ['Partition', 'num'], ['End offset', 'num'], ['Committed', 'num'], ['Lag', 'num']),
      el(
        'tbody',
        {},
        ...group.partitions.map((p) =>
          el(
            'tr',
            {},
            el('td', {}, p.topic),
            el('td', { class: 'num' }, String(p.partition)),
            el('td', { class: 'num' }, p.endOffset),
            el('td', { class: 'num' }, p.committedOffset ?? '—'),
            el('td', { class: p.lag > 0 ? 'num bad' : 'num' }, String(p.lag)),
          ),
        ),
      ),
    ),
  )
}

function renderDeadLetters({ deadLetters, total }) {
  if (deadLetters.length === 0) return el('p', { class: 'ok' }, 'No pending dead letters.')
  const groups = [...new Set(deadLetters.map((d) => d.group))]
  return el(
    'div',
    {},
    el(
      'p',
      {},
      `${total} pending. `,
      ...groups.map((g) =>
        el(
          'button',
          { type: 'button', class: 'secondary', onclick: () => replay({ group: g, all: true }) },
          `Replay all of ${g}`,
        ),
      ),
    ),
    el(
      'table',
      { id: 'dead-letters-table' },
      el('caption', { class: 'sr-only' }, 'Pending dead letters, oldest first'),
      headRow(['Group'], ['Id'], ['At'], ['Key'], ['Reason'], ['Attempts', 'num'], ['Original'], ['Action']),
      el(
        'tbody',
        {},
        ...deadLetters.map((d) =>
          el(
            'tr',
            {},
            el('td', {}, d.group),
            el('td', {}, d.id),
            el('td', {}, new Date(d.at).toLocaleString()),
            el('td', {}, d.key ?? '—'),
            el('td', {}, d.reason ?? '—'),
            el('td', { class: 'num' }, d.attempts === null ? '—' : String(d.attempts)),
            el(
              'td',
              {},
              d.original === null
                ? '—'
                : `${d.original.topic} [${d.original.partition}] @${d.original.offset}`,
            ),
            el(
              'td',
              {},
              el(
                'button',
                {
                  type: 'button',
                  'aria-label': `Replay dead letter ${d.id} of ${d.group}`,
                  onclick: () => replay({ group: d.group, ids: [d.id] }),
                },
                'Replay',
              ),
            ),
          ),
        ),
      ),
    ),
  )
}

function renderTopics(topics) {
  return el(
    'table',
    { id: 'topics-table' },
    el('caption', { class: 'sr-only' }, 'Topics with end offsets per partition'),
    headRow(['Topic'], ['Partitions', 'num'], ['Messages', 'num'], ['End offsets by partition']),
    el(
      'tbody',
      {},
      ...topics.map((t) =>
        el(
          'tr',
          {},
          el('td', {}, t.topic),
          el('td', { class: 'num' }, String(t.partitions.length)),
          el('td', { class: 'num' }, String(t.messages)),
          el('td', {}, t.partitions.map((p) => `${p.partition}: ${p.endOffset}`).join(' · ')),
        ),
      ),
    ),
  )
}

async function replay(body) {
  try {
    const result = await api('/v1/ops/dead-letters/replay', { method: 'POST', body: JSON.stringify(body) })
    await load()
    status.replaceChildren(el('p', { class: 'ok' }, `Replayed ${result.replayed} dead letter(s).`))
  } catch (error) {
    showError(status, error)
  }
}
