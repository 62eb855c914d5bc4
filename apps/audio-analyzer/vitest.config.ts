import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.js'

// `vitest run --project unit` runs the fast tests (ffmpeg on seconds of generated audio, no broker);
// `integration` needs the devstack (Kafka + FerretDB) and the upstream simulator.
export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.integration.test.ts'] },
        },
        {
          extends: true,
          test: {
            name: 'integration',
            include: ['test/**/*.integration.test.ts'],
            testTimeout: 600_000, // ten minutes: ten generated VODs through the real pipeline
            hookTimeout: 300_000,
          },
        },
      ],
    },
  }),
)
