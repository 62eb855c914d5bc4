import { definePackageConfig } from '../../vitest.shared.js'

// Pure schemas and codecs: unit tests only.
export default definePackageConfig({})
