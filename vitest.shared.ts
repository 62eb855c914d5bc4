import { configDefaults, defineConfig, mergeConfig } from 'vitest/config'
import type { InlineConfig } from 'vitest/node'

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

/** Options of one test project beside `unit`; its files are fixed by its name (see below). */
export type ProjectOptions = Omit<InlineConfig, 'name' | 'include'>

/**
 * A workspace's whole vitest config: the shared options, a `unit` project, and one project per key of
 * `projects`, e.g. `{ integration: { testTimeout: 120_000 } }`. A project named `x` takes the files
 * under `test/` named `*.x.test.ts`; `unit` takes every other `*.test.ts` there, so `vitest run
 * --project unit` (each package's `test:unit`) runs none of the other projects' files.
 */
export function definePackageConfig(projects: Record<string, ProjectOptions>) {
  const files = (name: string) => `test/**/*.${name}.test.ts`
  return mergeConfig(sharedConfig, {
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['test/**/*.test.ts'],
            exclude: [...configDefaults.exclude, ...Object.keys(projects).map(files)],
          },
        },
        ...Object.entries(projects).map(([name, options]) => ({
          extends: true as const,
          test: { ...options, name, include: [files(name)] },
        })),
      ],
    },
  })
}
