import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.js'

/** `unit`: parsing and formatting. `integration`: the CLI against a gateway listening on a port, with fakes. */
export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.integration.test.ts'] },
        },
        { extends: true, test: { name: 'integration', include: ['test/**/*.integration.test.ts'] } },
      ],
    },
  }),
)
