// The jobs page: submit links, list the newest jobs, and follow each unfinished one live over SSE.
import { api, el, mountApiKeyForm, showError, streamEvents } from './api.js'

const STAGES = ['metadata', 'chat', 'audio', 'highlights']
const TERMINAL = new Set(['done', 'failed', 'skipped'])
const JOBS_SHOWN = 20
// Besides the live stream, re-read the job this often: a stage that reports no events still moves.
const POLL_MS = 3_000

const jobsNode = document.getElementById('jobs')
const jobsStatus = document.getElementById('jobs-status')
/** jobId → the AbortController of its live stream. */
const streams = new Map()

mountApiKeyForm()
document.getElementById('submit-form').addEventListener('submit', submit)
document.getElementById('refresh-jobs').addEventListener('click', () => loadJobs())
loadJobs()

async function submit(event) {
  event.preventDefault()
  const form = event.currentTarget
  const out = document.getElementById('submit-results')
  const links = form.links.value
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
  const button = form.querySelector('button[type=submit]')
  button.disabled = true
  try {
    const body = await api('/v1/links', {
      method: 'POST',
      body: JSON.stringify(form.force.checked ? { links, force: true } : { links }),
    })
    const results = body.results ?? body.details.results
    out.replaceChildren(
      el(
        'ul',
        { class: 'submit-results' },
        ...results.map((r) =>
          r.status === 'accepted'
            ? el(
                'li',
                { class: 'ok' },
                `Accepted: ${r.link} → job ${r.jobId}${r.created ? '' : ' (existing job)'}`,
              )
            : el('li', { class: 'bad' }, `Rejected: ${r.link} — ${r.message} (${r.reason})`),
        ),
      ),
    )
    await loadJobs(results.filter((r) => r.status === 'accepted').map((r) => r.jobId))
  } catch (error) {
    showError(out, error)
  } finally {
    button.disabled = false
  }
}

/**
 * The newest jobs, plus `submitted` ones the list does not show yet: the gateway records a new job
 * in the background, and answers for it by id before the list query sees it.
 */
async function loadJobs(submitted = []) {
  try {
    const { jobs } = await api(`/v1/jobs?limit=${JOBS_SHOWN}`)
    const listed = new Set(jobs.map((j) => j.jobId))
    const missing = submitted.filter((id) => !listed.has(id))
    jobs.unshift(...(await Promise.all(missing.map((id) => api(`/v1/jobs/${encodeURIComponent(id)}`)))))
    for (const controller of streams.values()) controller.abort()
    streams.clear()
    jobsStatus.replaceChildren()
    if (jobs.length === 0) {
      jobsNode.replaceChildren(el('p', { class: 'muted' }, 'No jobs yet: submit a link above.'))
      return
    }
    jobsNode.replaceChildren(...jobs.map(renderJob))
    for (const job of jobs) if (!job.finished) follow(job.jobId)
  } catch (error) {
    showError(jobsStatus, error)
  }
}

function renderJob(job) {
  const videoHref = `/videos/${encodeURIComponent(job.videoKey)}`
  return el(
    'article',
    {
      class: 'job',
      id: `job-${job.jobId}`,
      'data-job-id': job.jobId,
      'aria-labelledby': `job-${job.jobId}-title`,
    },
    el(
      'h3',
      { id: `job-${job.jobId}-title` },
      el('a', { href: videoHref }, job.videoKey),
      ' ',
      el('span', { class: 'muted' }, `job ${job.jobId} · ${new Date(job.createdAt).toLocaleString()}`),
    ),
    el(
      'div',
      { class: 'stages' },
      ...STAGES.flatMap((name) => renderStage(job.jobId, name, job.stages[name])),
    ),
  )
}

function renderStage(jobId, name, stage) {
  const id = `job-${jobId}-${name}`
  return [
    el('label', { for: id }, name),
    el('progress', { id, max: 100, value: percent(stage), 'data-stage': name, 'data-status': stage.status }),
    el('span', { id: `${id}-text`, class: statusClass(stage.status) }, stageText(stage)),
  ]
}

function updateStage(jobId, name, stage) {
  const bar = document.getElementById(`job-${jobId}-${name}`)
  const text = document.getElementById(`job-${jobId}-${name}-text`)
  if (bar === null || text === null) return
  bar.value = percent(stage)
  bar.dataset.status = stage.status
  text.className = statusClass(stage.status)
  text.textContent = stageText(stage)
}

/**
 * Folds the job's live events into its bars until it finishes. The stream gives the detail; a slow
 * poll of the job covers stages that do not publish events and events missed on a reconnect.
 */
function follow(jobId) {
  const controller = new AbortController()
  streams.set(jobId, controller)
  const stages = {}
  const apply = (job) => {
    for (const stage of STAGES) {
      const known = stages[stage]
      // An older view may arrive after a newer event: an ended stage stays ended.
      if (known && TERMINAL.has(known.status) && !TERMINAL.has(job.stages[stage].status)) continue
      stages[stage] = job.stages[stage]
      updateStage(jobId, stage, job.stages[stage])
    }
    if (job.finished) {
      document.getElementById(`job-${jobId}`)?.setAttribute('data-finished', '')
      controller.abort()
    }
  }
  const path = `/v1/jobs/${encodeURIComponent(jobId)}`
  const poll = setInterval(() => api(path).then(apply, () => undefined), POLL_MS)
  controller.signal.addEventListener('abort', () => clearInterval(poll))
  streamEvents(
    `${path}/events`,
    (name, data) => {
      if (name === 'snapshot' || name === 'end') apply(data)
      else if (name === 'progress') {
        const previous = stages[data.stage] ?? {
          status: 'queued',
          progress: { done: 0, total: 0 },
          error: null,
        }
        if (TERMINAL.has(previous.status) && !TERMINAL.has(data.status)) return
        stages[data.stage] = {
          ...previous,
          status: data.status,
          progress: data.progress ?? previous.progress,
          error: data.error ?? previous.error,
        }
        updateStage(jobId, data.stage, stages[data.stage])
      }
    },
    controller.signal,
  ).catch((error) => {
    if (error.name !== 'AbortError') showError(jobsStatus, error)
  })
}

function percent(stage) {
  if (stage.status === 'done' || stage.status === 'skipped') return 100
  const { done, total } = stage.progress
  return total > 0 ? Math.round((100 * done) / total) : 0
}

function stageText(stage) {
  const { done, total } = stage.progress
  const count = total > 0 ? ` ${done}/${total}` : ''
  const error = stage.error ? `: ${stage.error.message}` : ''
  return `${stage.status}${count}${error}`
}

function statusClass(status) {
  return status === 'failed' ? 'bad' : status === 'done' ? 'ok' : 'muted'
}
