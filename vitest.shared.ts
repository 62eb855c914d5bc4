import { defineConfig } from 'vitest/config'

/**
 * Shared by every workspace's vitest config. Workspace packages resolve to their TypeScript sources
 * through the `source` export condition, so tests never need a build first.
 */
export const sharedConfig = defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests share one broker and one database server: keep them from starving each other.
    maxWorkers: 2,
    minWorkers: 1,
  },
})
