import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.js'

/**
 * `unit`: app.inject with fakes, no broker or database. `integration`: the devstack's Kafka and FerretDB.
 * `browser`: the dashboard in headless Chromium against a whole pipeline (global setup installs Chromium).
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
            exclude: ['test/**/*.integration.test.ts', 'test/**/*.browser.test.ts'],
          },
        },
        { extends: true, test: { name: 'integration', include: ['test/**/*.integration.test.ts'] } },
        {
          extends: true,
          test: {
            name: 'browser',
            include: ['test/**/*.browser.test.ts'],
            globalSetup: ['test/browser/ensure-chromium.ts'],
            // After the other projects: its whole pipeline would starve their timing-sensitive tests.
            sequence: { groupOrder: 1 },
          },
        },
      ],
    },
  }),
)
