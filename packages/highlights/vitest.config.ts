import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.js'

/**
 * `unit`: the ranking's pure logic (`vitest run --project unit`). `integration`: the stores, against
 * the devstack's database, each file with its own database.
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
          test: { name: 'integration', include: ['test/**/*.integration.test.ts'], testTimeout: 60_000 },
        },
      ],
    },
  }),
)
