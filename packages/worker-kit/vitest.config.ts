import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.js'

/**
 * `unit`: fast tests without I/O (`vitest run --project unit`). `integration`: against the real
 * broker and database of the devstack, each test with its own topics, group and database.
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
          test: {
            name: 'integration',
            include: ['test/**/*.integration.test.ts'],
            // One file at a time: they share one broker and one FerretDB, which slows to a crawl
            // (and times tests out) when two write-heavy files run at once on two cores.
            fileParallelism: false,
            testTimeout: 300_000,
            hookTimeout: 60_000,
          },
        },
      ],
    },
  }),
)
