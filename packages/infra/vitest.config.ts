import { definePackageConfig } from '../../vitest.shared.js'

// `vitest run --project unit` needs nothing running; `integration` needs the devstack, and the cycle
// test starts a second stack of its own on other ports.
export default definePackageConfig({
  integration: {
    testTimeout: 180_000, // three minutes: the cycle test starts and stops Kafka twice
    hookTimeout: 120_000,
  },
})
