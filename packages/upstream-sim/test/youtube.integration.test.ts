import { describe, expect, it } from 'vitest'
import { WELL_KNOWN_VIDEOS } from '../src/index.js'
import { startTestSim } from './helpers.js'

const { youtubeStream, youtubeUpload, youtubeDeleted } = WELL_KNOWN_VIDEOS

function between(text: string, left: string, right: string): string {
  const start = text.indexOf(left) + left.length
  return text.slice(start, text.indexOf(right, start))
}

describe('youtube', () => {
  it('should serve a watch page with ytInitialPlayerResponse, ytInitialData and the player script', async () => {
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
    expect(data.contents.twoColumnWatchNextResults.conversationBar.liveChatRenderer.isReplay).toBe(true)
    const playerPath = /<script src="([^"]+)" name="player_ias\/base">/.exec(html)?.[1]
    const js = await fetch(`${sim.url}${playerPath}`)
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(await js.text()).toMatch(/signatureTimestamp:\d{5}/)
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

  it('should echo videoDetails.videoId from the player API with a plain-url audio format', async () => {
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
    expect(body.streamingData.adaptiveFormats[0].url).toMatch(new RegExp(`^${sim.url}/videoplayback\\?`))
  })

  it('should page the full chat replay from a playerOffsetMs through continuations', async () => {
    const sim = await startTestSim()
    const html = await (await fetch(`${sim.url}/watch?v=${youtubeStream.videoId}`)).text()
    const data = JSON.parse(between(html, 'var ytInitialData = ', ';</script>'))
    const items =
      data.contents.twoColumnWatchNextResults.conversationBar.liveChatRenderer.header.liveChatHeaderRenderer
        .viewSelector.sortFilterSubMenuRenderer.subMenuItems
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
