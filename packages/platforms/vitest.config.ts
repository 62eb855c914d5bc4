import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.js'

/**
 * `unit`: no I/O (`vitest run --project unit`). `integration`: against an upstream-sim started
 * in-process on a random port (and ffmpeg for audio); no broker or database needed.
 */
export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['test/**/*.test.ts'],
            exclude: ['**/node_modules/**', 'test/**/*.integration.test.ts'],
          },
        },
        {
          extends: true,
          test: { name: 'integration', include: ['test/**/*.integration.test.ts'], testTimeout: 120_000 },
        },
      ],
    },
  }),
)
