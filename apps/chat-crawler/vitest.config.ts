import { definePackageConfig } from '../../vitest.shared.js'

// `integration` crawls whole simulated VODs through the real broker and database.
export default definePackageConfig({ integration: { testTimeout: 180_000 } })
