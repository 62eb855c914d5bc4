import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repairFerretdbData } from '../src/devstack/ferretdb-data.js'

describe('repairFerretdbData', () => {
  it('removes the logs a dropped database left behind and quarantines half-created files only', () => {
    const root = mkdtempSync(join(tmpdir(), 'ferretdb-data-'))
    const data = join(root, 'data')
    mkdirSync(data)
    writeFileSync(join(data, 'dropped.sqlite-wal'), 'x')
    writeFileSync(join(data, 'dropped.sqlite-shm'), 'x')
    writeFileSync(join(data, 'half.sqlite'), Buffer.alloc(4_096))
    writeFileSync(join(data, 'fresh.sqlite'), Buffer.alloc(4_096))
    writeFileSync(join(data, 'fresh.sqlite-wal'), Buffer.alloc(8_192)) // its tables live in the log so far
    writeFileSync(join(data, 'healthy.sqlite'), Buffer.alloc(16_384))

    const result = repairFerretdbData(data)

    expect(result.orphans.sort()).toEqual(['dropped.sqlite-shm', 'dropped.sqlite-wal'])
    expect(result.quarantined).toEqual(['half.sqlite'])
    expect(readdirSync(data).sort()).toEqual(['fresh.sqlite', 'fresh.sqlite-wal', 'healthy.sqlite'])
    expect(readdirSync(join(root, 'quarantine'))[0]).toMatch(/-half\.sqlite$/)
  })

  it('does nothing for a folder that does not exist yet', () => {
    const missing = join(tmpdir(), `missing-${Date.now()}`)
    expect(repairFerretdbData(missing)).toEqual({ orphans: [], quarantined: [] })
    expect(existsSync(missing)).toBe(false)
  })
})
