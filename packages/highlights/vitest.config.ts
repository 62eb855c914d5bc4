import { definePackageConfig } from '../../vitest.shared.js'

/**
 * `unit`: the ranking's pure logic (`vitest run --project unit`). `integration`: the stores, against
 * the devstack's database, each file with its own database.
 */
export default definePackageConfig({ integration: { testTimeout: 60_000 } })
