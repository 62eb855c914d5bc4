import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.js'

// `vitest run --project unit` needs nothing running; `integration` needs the devstack, and the cycle
// test starts a second stack of its own on other ports.
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
            testTimeout: 180_000, // three minutes: the cycle test starts and stops Kafka twice
            hookTimeout: 120_000,
          },
        },
      ],
    },
  }),
)
