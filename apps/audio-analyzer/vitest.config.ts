import { definePackageConfig } from '../../vitest.shared.js'

// `vitest run --project unit` runs the fast tests (ffmpeg on seconds of generated audio, no broker);
// `integration` needs the devstack (Kafka + FerretDB) and the upstream simulator.
export default definePackageConfig({
  integration: {
    testTimeout: 600_000, // ten minutes: ten generated VODs through the real pipeline
    hookTimeout: 300_000,
  },
})
