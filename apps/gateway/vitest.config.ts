import { definePackageConfig } from '../../vitest.shared.js'

/**
 * `unit`: app.inject with fakes, no broker or database. `integration`: the devstack's Kafka and FerretDB.
 * `browser`: the dashboard in headless Chromium against a whole pipeline (global setup installs Chromium).
 */
export default definePackageConfig({
  integration: {},
  browser: {
    globalSetup: ['test/browser/ensure-chromium.ts'],
    // After the other projects: its whole pipeline would starve their timing-sensitive tests.
    sequence: { groupOrder: 1 },
  },
})
