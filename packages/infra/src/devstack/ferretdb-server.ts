import { mkdirSync } from 'node:fs'
import { repairFerretdbData } from './ferretdb-data.js'
import type { StackLayout } from './layout.js'
import { spawnDetached } from './processes.js'
import type { StackConfig } from './stack-config.js'

/** Starts FerretDB on the SQLite backend: one file per database under the stack's data folder. */
export function startFerretdb(
  config: StackConfig,
  layout: StackLayout,
  report: (line: string) => void = () => {},
): { pid: number } {
  const { dataDir, stateDir, log } = layout.ferretdb
  const repaired = repairFerretdbData(dataDir)
  if (repaired.orphans.length > 0)
    report(`mongo: removed ${repaired.orphans.length} logs of dropped databases`)
  if (repaired.quarantined.length > 0) {
    report(`mongo: moved half-created databases to quarantine/: ${repaired.quarantined.join(', ')}`)
  }
  // FerretDB refuses a SQLite folder that does not exist yet.
  mkdirSync(dataDir, { recursive: true })
  mkdirSync(stateDir, { recursive: true })
  return spawnDetached(
    layout.cache.ferretdbBin,
    [
      '--handler=sqlite',
      // Must be a file: URI naming an existing folder, with the trailing slash. `vfs=unix-excl` keeps
      // each database's WAL index in FerretDB's heap instead of a memory-mapped `-shm` file: under
      // concurrent load the pure-Go SQLite crashed the server with SIGBUS inside that mapping
      // (walIndexAppend / walFindFrame). FerretDB is the only process opening these files anyway.
      `--sqlite-url=file:${dataDir}/?vfs=unix-excl`,
      `--listen-addr=127.0.0.1:${config.mongoPort}`,
      `--state-dir=${stateDir}`,
      // Telemetry would try to call out; the debug listener would take port 8088 once per stack.
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=warn',
    ],
    log,
  )
}
