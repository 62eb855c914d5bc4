import { definePackageConfig } from '../../vitest.shared.js'

// Whole-pipeline `e2e` tests start many processes: run their files one at a time.
export default definePackageConfig({ e2e: { fileParallelism: false } })
