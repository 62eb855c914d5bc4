import { AudioError } from '../errors.js'

// ffmpeg reports network trouble in its log text only; these are the lines of 4.x–7.x for failures
// that a later attempt can get past (the source is fine, the path to it is not).
const TRANSIENT =
  /Server returned 5\d\d|Connection refused|Connection reset|Connection timed out|Network is unreachable|Temporary failure in name resolution|Input\/output error|Broken pipe/i

/** The last informative lines of ffmpeg's log, for an error message a person can act on. */
function tail(stderr: string, lines = 2): string {
  return stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(
      (l) =>
        l !== '' &&
        !l.startsWith('ffmpeg version') &&
        !/^(size|Stream|Input|Output|Duration|Metadata)\b/.test(l),
    )
    .slice(-lines)
    .join(' | ')
}

/** Turns a failed ffmpeg run into a catalogued error: retryable for network trouble, final otherwise. */
export function classifyFfmpegFailure(err: Error, stderr: string, url: string): AudioError {
  const detail = tail(stderr) || err.message
  if (TRANSIENT.test(stderr) || TRANSIENT.test(err.message)) {
    return new AudioError('AUDIO_SOURCE_UNAVAILABLE', `fetching ${url} failed: ${detail}`, { cause: err })
  }
  return new AudioError('AUDIO_DECODE_FAILED', `ffmpeg could not decode ${url}: ${detail}`, { cause: err })
}
