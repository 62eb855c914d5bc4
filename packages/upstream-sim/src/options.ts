import { type AudioOptions, audioDefaults } from './audio/options.js'
import { RUNTIME_DEFAULTS, type RuntimeConfig } from './control/config.js'

export interface SimOptions extends RuntimeConfig {
  host: string
  /** 0 picks a free port (tests). */
  port: number
  /** Seeds every generated VOD; the same seed always yields the same data. */
  seed: number
  /** pino level; `silent` in tests. */
  logLevel: string
  audio: AudioOptions
}

export type SimOptionsInput = Partial<Omit<SimOptions, 'audio'>> & { audio?: Partial<AudioOptions> }

export function resolveSimOptions(input: SimOptionsInput = {}): SimOptions {
  const { audio, ...rest } = input
  return {
    ...RUNTIME_DEFAULTS,
    host: '127.0.0.1',
    port: 4010,
    seed: 1,
    logLevel: 'warn',
    ...stripUndefined(rest),
    audio: { ...audioDefaults(), ...stripUndefined(audio ?? {}) },
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
