import { describe, expect, it } from 'vitest'
import { WELL_KNOWN_VIDEOS } from '../src/index.js'
import { startTestSim } from './helpers.js'

const { youtubeStream, youtubeUpload, youtubeDeleted } = WELL_KNOWN_VIDEOS

function between(text: string, left: string, right: string): string {
  const start = text.indexOf(left) + left.length
  return text.slice(start, text.indexOf(right, start))
}

describe('youtube', () => {
  it('should serve a watch page whose first ytcfg.set is the bootstrap call and whose chat entry is Top chat only', async () => {
    const sim = await startTestSim()
    const response = await fetch(`${sim.url}/watch?v=${youtubeStream.videoId}&hl=en`)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await response.text()
    const player = JSON.parse(between(html, 'var ytInitialPlayerResponse = ', ';var meta'))
    const data = JSON.parse(between(html, 'var ytInitialData = ', ';</script>'))
    expect(player.videoDetails).toMatchObject({
      videoId: youtubeStream.videoId,
      lengthSeconds: String(youtubeStream.durationSec),
    })
    expect(html.indexOf("ytcfg.set('EMERGENCY_BASE_URL'")).toBeLessThan(html.indexOf('ytcfg.set({'))
    const renderer = data.contents.twoColumnWatchNextResults.conversationBar.liveChatRenderer
    expect(renderer.isReplay).toBe(true)
    expect(renderer.header).toBeUndefined()
    expect(renderer.continuations).toHaveLength(1)
  })

  it('should serve /iframe_api naming the player, and a base.js with signatureTimestamp', async () => {
    const sim = await startTestSim()
    const iframe = await (await fetch(`${sim.url}/iframe_api`)).text()
    const playerId = /player\\\/([\w-]+)\\\//.exec(iframe)?.[1]
    expect(playerId).toBeDefined()
    const js = await fetch(`${sim.url}/s/player/${playerId}/player_es6.vflset/en_US/base.js`)
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(await js.text()).toMatch(/signatureTimestamp:\d{5}/)
  })

  it('should answer /youtubei/v1/next with the chat entry, both result columns and the heatmap', async () => {
    const sim = await startTestSim()
    const response = await fetch(`${sim.url}/youtubei/v1/next?prettyPrint=false`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ videoId: youtubeStream.videoId, context: { client: { clientName: 'WEB' } } }),
    })
    const body = (await response.json()) as any
    const columns = body.contents.twoColumnWatchNextResults
    expect(columns.results).toBeDefined()
    expect(columns.secondaryResults).toBeDefined()
    expect(columns.conversationBar.liveChatRenderer.isReplay).toBe(true)
    expect(body.frameworkUpdates.entityBatchUpdate.mutations[0].payload.macroMarkersListEntity).toBeDefined()
  })

  it('should refuse the player API as configured: bot check, or SABR-only formats', async () => {
    const sim = await startTestSim()
    const player = async () =>
      (await (
        await fetch(`${sim.url}/youtubei/v1/player`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ videoId: youtubeStream.videoId }),
        })
      ).json()) as any
    sim.config({ faults: [{ kind: 'youtube-sign-in', times: 1 }] })
    expect((await player()).playabilityStatus).toMatchObject({
      status: 'LOGIN_REQUIRED',
      reason: expect.stringMatching(/not a bot/),
    })
    sim.config({ faults: [{ kind: 'youtube-po-token', times: 1 }] })
    const sabr = await player()
    expect(sabr.streamingData.serverAbrStreamingUrl).toBeDefined()
    expect(sabr.streamingData.adaptiveFormats[0].signatureCipher).toBeUndefined()
    // In-band refusals never fire on other endpoints.
    sim.config({ faults: [{ kind: 'youtube-sign-in' }] })
    expect((await fetch(`${sim.url}/watch?v=${youtubeStream.videoId}`)).status).toBe(200)
  })

  it('should leave the chat replay out for an upload and the video out for a deleted id', async () => {
    const sim = await startTestSim()
    const upload = await (await fetch(`${sim.url}/watch?v=${youtubeUpload.videoId}`)).text()
    expect(upload).not.toContain('liveChatRenderer')
    const deleted = await (await fetch(`${sim.url}/watch?v=${youtubeDeleted.videoId}`)).text()
    expect(
      JSON.parse(between(deleted, 'var ytInitialPlayerResponse = ', ';var meta')).playabilityStatus.status,
    ).toBe('ERROR')
  })

  it('should echo videoDetails.videoId from the player API with a ciphered audio format', async () => {
    const sim = await startTestSim()
    const response = await fetch(`${sim.url}/youtubei/v1/player?prettyPrint=false`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ videoId: youtubeStream.videoId, context: { client: { clientName: 'IOS' } } }),
    })
    const body = (await response.json()) as any
    expect(body.videoDetails.videoId).toBe(youtubeStream.videoId)
    expect(body.streamingData.adaptiveFormats[0]).toMatchObject({
      itag: 140,
      mimeType: 'audio/mp4; codecs="mp4a.40.2"',
    })
    const cipher = new URLSearchParams(body.streamingData.adaptiveFormats[0].signatureCipher)
    expect(cipher.get('sp')).toBe('sig')
    expect(cipher.get('url')).toMatch(new RegExp(`^${sim.url}/videoplayback\\?.*&n=`))
  })

  it('should page the full chat replay from a playerOffsetMs through continuations', async () => {
    const sim = await startTestSim()
    const html = await (await fetch(`${sim.url}/watch?v=${youtubeStream.videoId}`)).text()
    const data = JSON.parse(between(html, 'var ytInitialData = ', ';</script>'))
    const top =
      data.contents.twoColumnWatchNextResults.conversationBar.liveChatRenderer.continuations[0]
        .reloadContinuationData.continuation
    // The chat-mode menu is in the replay frame's first page now, not on the watch page.
    const frame = await (
      await fetch(`${sim.url}/live_chat_replay?continuation=${encodeURIComponent(top)}`)
    ).text()
    const items = JSON.parse(between(frame, 'window["ytInitialData"] = ', ';</script>')).continuationContents
      .liveChatContinuation.header.liveChatHeaderRenderer.viewSelector.sortFilterSubMenuRenderer.subMenuItems
    expect(items.map((item: any) => item.title)).toEqual(['Top chat replay', 'Live chat replay'])
    let continuation = items[1].continuation.reloadContinuationData.continuation
    const ids: string[] = []
    let first = true
    while (continuation !== undefined) {
      const response = await fetch(
        `${sim.url}/youtubei/v1/live_chat/get_live_chat_replay?prettyPrint=false`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            context: {},
            continuation,
            ...(first ? { currentPlayerState: { playerOffsetMs: '120000' } } : {}),
          }),
        },
      )
      first = false
      const chat = ((await response.json()) as any).continuationContents.liveChatContinuation
      for (const action of chat.actions) {
        const item = action.replayChatItemAction.actions[0].addChatItemAction.item
        ids.push((item.liveChatTextMessageRenderer ?? item.liveChatPaidMessageRenderer).id)
      }
      continuation = chat.continuations[0].liveChatReplayContinuationData?.continuation
    }
    expect(ids).toEqual(sim.chat('youtube', youtubeStream.videoId, 120).map((m) => m.id))
  })
})
