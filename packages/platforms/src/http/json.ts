import { PlatformError } from '../errors.js'

/** JSON.parse that fails as a typed, non-retryable "bad response". */
export function parseJson<T>(text: string): T {
  try {
    return JSON.parse(text) as T
  } catch (cause) {
    throw new PlatformError('PLATFORM_BAD_RESPONSE', 'The body is not JSON.', { cause })
  }
}
