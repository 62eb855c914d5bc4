import { definePackageConfig } from '../../vitest.shared.js'

// `integration`: the extractor against the devstack's broker and database.
export default definePackageConfig({ integration: {} })
