import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

const PAGE = 4_096 // SQLite's default page size, which FerretDB keeps

/**
 * Repairs what a FerretDB crash or a dropped database leaves in the SQLite folder, before a start:
 *
 * - FerretDB's `dropDatabase` removes `<db>.sqlite` but leaves its `-wal` and `-shm`; a database
 *   created later under the same name would open a stranger's write-ahead log. Orphans are removed.
 * - A crash while creating a database leaves a file of at most one page with no log beside it. Such a
 *   file cannot hold FerretDB's metadata table, and FerretDB refuses to start while it exists ("no
 *   such table: _ferretdb_collections"). It is moved to `quarantine/`, never deleted.
 *
 * Returns what it did, for the log.
 */
export function repairFerretdbData(dataDir: string): { orphans: string[]; quarantined: string[] } {
  const orphans: string[] = []
  const quarantined: string[] = []
  if (!existsSync(dataDir)) return { orphans, quarantined }
  const files = new Set(readdirSync(dataDir))
  for (const file of files) {
    const match = /^(.*\.sqlite)-(wal|shm)$/.exec(file)
    if (match && !files.has(match[1]!)) {
      rmSync(join(dataDir, file), { force: true })
      orphans.push(file)
    }
  }
  for (const file of files) {
    if (!file.endsWith('.sqlite')) continue
    const wal = join(dataDir, `${file}-wal`)
    const hasLog = existsSync(wal) && statSync(wal).size > 0
    if (!hasLog && statSync(join(dataDir, file)).size <= PAGE) {
      const quarantine = join(dataDir, '..', 'quarantine')
      mkdirSync(quarantine, { recursive: true })
      renameSync(join(dataDir, file), join(quarantine, `${Date.now()}-${file}`))
      for (const suffix of ['-shm', '-journal']) rmSync(join(dataDir, file + suffix), { force: true })
      quarantined.push(file)
    }
  }
  return { orphans, quarantined }
}
