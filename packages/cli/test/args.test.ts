import { describe, expect, it } from 'vitest'
import { DEFAULT_GATEWAY, parseInvocation, UsageError } from '../src/args.js'

describe('parseInvocation', () => {
  it('should read submit with several links and --wait', () => {
    expect(parseInvocation(['submit', 'a', 'b', '--wait'])).toEqual({
      command: { name: 'submit', links: ['a', 'b'], wait: true, force: false },
      gateway: DEFAULT_GATEWAY,
      apiKey: undefined,
    })
  })

  it('should take the gateway and API key from flags before the environment', () => {
    const env = { VODSCOPE_GATEWAY_URL: 'http://env:1/', VODSCOPE_API_KEY: 'from-env' }
    expect(parseInvocation(['status', 'j1'], env)).toMatchObject({
      gateway: 'http://env:1',
      apiKey: 'from-env',
    })
    expect(
      parseInvocation(['status', 'j1', '--gateway', 'http://flag:2', '--api-key', 'from-flag'], env),
    ).toMatchObject({ gateway: 'http://flag:2', apiKey: 'from-flag' })
  })

  it('should read dlq list and dlq replay with --all or ids', () => {
    expect(parseInvocation(['dlq', 'list', '--group', 'g']).command).toEqual({ name: 'dlq-list', group: 'g' })
    expect(parseInvocation(['dlq', 'replay', '--group', 'g', '--all']).command).toEqual({
      name: 'dlq-replay',
      group: 'g',
      select: { all: true },
    })
    expect(parseInvocation(['dlq', 'replay', '--group', 'g', '0:1', '2:3']).command).toEqual({
      name: 'dlq-replay',
      group: 'g',
      select: { ids: ['0:1', '2:3'] },
    })
  })

  it('should read highlights with and without an export format', () => {
    expect(parseInvocation(['highlights', 'twitch:1']).command).toEqual({
      name: 'highlights',
      videoKey: 'twitch:1',
      format: undefined,
    })
    expect(parseInvocation(['highlights', 'twitch:1', '--format', 'edl']).command).toMatchObject({
      format: 'edl',
    })
  })

  it('should read doctor --clips with a Twitch VOD link and --top', () => {
    const url = 'https://www.twitch.tv/videos/2331345473'
    expect(parseInvocation(['doctor', '--clips', url]).command).toEqual({
      name: 'doctor-clips',
      url,
      videoId: '2331345473',
      top: 20,
    })
    expect(parseInvocation(['doctor', '--clips', url, '--top', '5']).command).toMatchObject({ top: 5 })
    expect(parseInvocation(['doctor', url]).command).toEqual({ name: 'doctor', urls: [url] })
  })

  it('should reject mistakes with a usage error that says what is wrong', () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['highlights', 'twitch:1', '--format', 'xlsx'],
        /--format xlsx: use one of json, csv, chapters, edl, ffmpeg/,
      ],
      [['submit'], /at least one VOD link/],
      [['status'], /exactly a job id/],
      [['highlights', 'a', 'b'], /exactly a video key/],
      [['dlq', 'replay', '--all'], /--group is required/],
      [['dlq', 'replay', '--group', 'g'], /either --all or dead-letter ids/],
      [['dlq', 'replay', '--group', 'g', '--all', '0:1'], /either --all or dead-letter ids/],
      [['dlq'], /dlq list/],
      [['frobnicate'], /unknown command/],
      [['status', 'j', '--nope'], /--nope/],
      [['status', 'j', '--gateway', 'ftp://x'], /http\(s\) URL/],
      [['doctor', '--clips', 'https://www.youtube.com/watch?v=jNQXAC9IVRw'], /a Twitch feature/],
      [['doctor', '--clips', 'https://example.com/videos/1'], /--clips https:\/\/example\.com/],
      [['doctor', '--clips', 'https://www.twitch.tv/videos/1', '--top', '0'], /--top 0: use a whole number/],
      [['doctor', '--clips', 'https://www.twitch.tv/videos/1', '--top', '101'], /from 1 to 100/],
      [
        ['doctor', '--clips', 'https://www.twitch.tv/videos/1', 'https://www.twitch.tv/videos/2'],
        /no other links/,
      ],
      [['doctor', '--top', '5'], /--top goes with --clips/],
    ]
    for (const [argv, message] of cases) {
      expect(() => parseInvocation(argv), argv.join(' ')).toThrow(UsageError)
      expect(() => parseInvocation(argv), argv.join(' ')).toThrow(message)
    }
  })

  it('should show help for no command and for --help', () => {
    expect(parseInvocation([]).command).toEqual({ name: 'help' })
    expect(parseInvocation(['submit', '--help']).command).toEqual({ name: 'help' })
  })
})
