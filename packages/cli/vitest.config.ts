import { definePackageConfig } from '../../vitest.shared.js'

/** `unit`: parsing and formatting. `integration`: the CLI against a gateway listening on a port, with fakes. */
export default definePackageConfig({ integration: {} })
