import { definePackageConfig } from '../../vitest.shared.js'

/**
 * `unit`: fast tests without I/O (`vitest run --project unit`). `integration`: against the real
 * broker and database of the devstack, each test with its own topics, group and database.
 */
export default definePackageConfig({
  integration: {
    // One file at a time: they share one broker and one FerretDB, which slows to a crawl
    // (and times tests out) when two write-heavy files run at once on two cores.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
})
