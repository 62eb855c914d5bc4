import { describe, expect, it } from 'vitest'
import { buildWithOpsFakes } from './ops-fakes.js'

describe('dashboard pages', () => {
  it('should serve the pages and their modules without an API key, and nothing outside the folder', async () => {
    const { app } = await buildWithOpsFakes({ API_KEYS: 'k'.repeat(24) })
    for (const [url, type] of [
      ['/', 'text/html'],
      ['/ops', 'text/html'],
      ['/videos/twitch:42', 'text/html'],
      ['/dashboard/jobs.js', 'text/javascript'],
      ['/dashboard/style.css', 'text/css'],
    ] as const) {
      const res = await app.inject(url)
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-type'], url).toContain(type)
    }
    expect((await app.inject('/dashboard/..%2Fapp.ts')).statusCode).toBe(404)
    expect((await app.inject('/dashboard/missing.js')).json().code).toBe('NOT_FOUND')
  })

  it('should give every form control of the jobs page a label', async () => {
    const { app } = await buildWithOpsFakes()
    const html = (await app.inject('/')).body
    for (const id of html.matchAll(/<(?:textarea|input)[^>]* id="([^"]+)"/g)) {
      expect(html, id[1]).toContain(`for="${id[1]}"`)
    }
  })
})
