import { definePackageConfig } from '../../vitest.shared.js'

/**
 * `unit`: no I/O (`vitest run --project unit`). `integration`: against an upstream-sim started
 * in-process on a random port (and ffmpeg for audio); no broker or database needed.
 */
export default definePackageConfig({ integration: { testTimeout: 120_000 } })
