import { mkdir, readFile } from 'node:fs/promises'
import { type Pipeline, startPipeline } from '@vodscope/runner'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium } from './browser/launch.js'

// A 30-minute simulator VOD with 60 chat messages a minute (encoded id: 77 MMMM RRR + free digits).
const LINK = 'https://www.twitch.tv/videos/770030060101'
const VIDEO_KEY = 'twitch:770030060101'
const SCREENSHOTS = new URL('../../../test-output/screenshots/', import.meta.url).pathname
const chromiumPath = inject('chromiumPath')

describe.skipIf(chromiumPath === null)('dashboard in headless Chromium', () => {
  let pipeline: Pipeline | undefined
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true })
    ;[pipeline, browser] = await Promise.all([
      startPipeline({
        replicas: { gateway: 1, extractor: 1, 'chat-crawler': 1, 'audio-analyzer': 1 },
        env: { VODSCOPE_AUDIO_SEGMENT_SEC: '300', VODSCOPE_CHAT_CHUNK_SEC: '300' },
      }),
      launchChromium(chromiumPath as string),
    ])
    context = browser.context
    page = await context.newPage()
    page.setDefaultTimeout(20_000)
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await pipeline?.stop()
  }, 60_000)

  const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true })

  it('should submit a link, follow its progress bars to done, and chart its highlights', async () => {
    const gateway = pipeline!.gateway
    await page.goto(`${gateway}/`)
    await page
      .getByLabel('VOD links (YouTube, Twitch, SOOP), one per line')
      .fill(`${LINK}\nhttps://example.com/nope`)
    await page.getByRole('button', { name: 'Submit' }).click()
    await expect
      .poll(() => page.locator('#submit-results li.ok').textContent())
      .toContain(`Accepted: ${LINK}`)
    expect(await page.locator('#submit-results li.bad').textContent()).toContain(
      'Rejected: https://example.com/nope',
    )

    const job = page.locator('article.job').filter({ hasText: VIDEO_KEY }).first()
    await job.locator('progress').first().waitFor()
    expect(await job.locator('progress').count()).toBe(4)
    await shot('jobs-running')
    // Live bars: every stage reaches done through the SSE stream, without reloading the page.
    await job.locator('progress[data-stage="highlights"][data-status="done"]').waitFor({ timeout: 150_000 })
    for (const stage of ['metadata', 'chat', 'audio', 'highlights']) {
      expect(await job.locator(`progress[data-stage="${stage}"]`).getAttribute('data-status'), stage).toBe(
        'done',
      )
    }
    await shot('jobs-done')

    await job.getByRole('link', { name: VIDEO_KEY }).click()
    await page.waitForURL(`**/videos/${encodeURIComponent(VIDEO_KEY)}`)
    // Generous: under a full test run the database answers slowly, and the page retries a 503.
    await page.locator('svg.chart path.loudness-series').waitFor({ timeout: 45_000 })
    expect(Number(await page.locator('svg.chart').getAttribute('data-points'))).toBeGreaterThan(100)
    expect(await page.locator('svg.chart rect.highlight-band').count()).toBeGreaterThan(0)
    const rows = page.locator('#highlights-table tr.highlight-row')
    expect(await rows.count()).toBeGreaterThan(0)
    const first = rows.first().getByRole('link')
    const href = (await first.getAttribute('href')) ?? ''
    const startText = (await first.textContent()) ?? ''
    // The link opens the VOD at the highlight's start: Twitch's t=XhYmZs matches the row's h:mm:ss.
    const [, h, m, s] = /at (\d+):(\d\d):(\d\d)/.exec(startText) ?? []
    expect(href).toContain('twitch.tv/videos/770030060101')
    expect(href).toContain(`t=${Number(h)}h${Number(m)}m${Number(s)}s`)
    // Why this moment: what chat said in the window, with the message count in the tooltip.
    const said = rows.first().locator('td.chat-said')
    expect(((await said.textContent()) ?? '').trim()).toMatch(/×\d+/)
    expect(await said.getAttribute('title')).toMatch(/^\d+ messages in this window\./)
    // And the evidence behind the score, in dB and messages per minute, with what the score means.
    expect(((await rows.first().locator('td.evidence').textContent()) ?? '').trim()).toMatch(
      /^\+\d+\.\d dB · chat \d+\/min \(usual \d+\)$/,
    )
    expect(await page.locator('#score-meaning').textContent()).toContain(
      'louder or busier moment always scores higher',
    )
    await shot('video')

    // Every export downloads under the server's file name; the CSV has a row per highlight in the table.
    for (const [format, file] of [
      ['csv', /-highlights\.csv$/],
      ['chapters', /-chapters\.txt$/],
      ['edl', /\.edl$/],
      ['ffmpeg', /-cut\.sh$/],
    ] as const) {
      const [saved] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(`button[data-format="${format}"]`).click(),
      ])
      expect(saved.suggestedFilename(), format).toMatch(file)
      if (format === 'csv') {
        const text = await readFile((await saved.path())!, 'utf8')
        expect(text.trimEnd().split('\r\n').length - 1).toBe(await rows.count())
      }
    }
  }, 200_000)

  it('should show topics, consumer-group lag and dead letters on the ops page', async () => {
    await page.goto(`${pipeline!.gateway}/ops`)
    await page.locator('#topics-table tbody tr').first().waitFor()
    expect(await page.locator('#topics-table').textContent()).toContain('vod.links.v1')
    expect(await page.locator('[data-group]').count()).toBe(5)
    expect(await page.locator('[data-group="vodscope.extractor"] tbody tr').count()).toBeGreaterThan(0)
    expect(await page.locator('#dead-letters').textContent()).toContain('No pending dead letters')
    await shot('ops')
  }, 60_000)
})
