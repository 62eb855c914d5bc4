import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { FERRETDB_VERSION, type StackLayout } from './layout.js'
import { runToLog } from './run-to-log.js'
import { requireTools } from './tools.js'

const MODULE = 'github.com/FerretDB/FerretDB'
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000 // ten minutes for the module and its dependencies
const BUILD_TIMEOUT_MS = 30 * 60_000 // thirty minutes: a cold build takes several on two cores

/**
 * Builds the FerretDB binary into the shared cache, once. Returns false when a working binary was
 * already there.
 *
 * Why not `go install ...@v1.24.2`: it asks the module proxy for the version list to check for
 * deprecation, which the registry mirror here refuses (403). `go mod download` of the exact version works.
 * Why build from a copy: FerretDB panics at start unless build/version/version.txt holds its version,
 * a generated file its module zip leaves out, and the module cache is read-only; and the copy gets
 * the patches below.
 */
export async function ensureFerretdb(layout: StackLayout): Promise<boolean> {
  const binary = layout.cache.ferretdbBin
  if (ferretdbVersion(binary)) return false
  requireTools(['go'])
  const logFile = join(layout.cache.logsDir, 'ferretdb-build.log')
  const source = await prepareSource(layout, logFile)
  mkdirSync(dirname(binary), { recursive: true })
  const partial = `${binary}.partial-${process.pid}`
  try {
    await runToLog('go', ['build', '-trimpath', '-o', partial, './cmd/ferretdb'], logFile, {
      cwd: source,
      // No VCS information exists in a module copy; without this flag go build refuses to stamp it.
      env: { ...process.env, GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false`.trim() },
      timeoutMs: BUILD_TIMEOUT_MS,
    })
    if (!ferretdbVersion(partial)) throw new Error(`the FerretDB build does not start; see ${logFile}`)
    renameSync(partial, binary)
  } finally {
    rmSync(partial, { force: true })
  }
  return true
}

/** The version a FerretDB binary reports, or undefined if it is missing or broken. */
export function ferretdbVersion(binary: string): string | undefined {
  if (!existsSync(binary)) return undefined
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 })
  if (result.status !== 0) return undefined
  return /version:\s*(\S+)/.exec(result.stdout)?.[1] ?? FERRETDB_VERSION
}

async function prepareSource(layout: StackLayout, logFile: string): Promise<string> {
  const source = layout.cache.ferretdbSrc
  if (existsSync(join(source, 'build', 'version', 'version.txt'))) return source
  const output = await runToLog(
    'go',
    ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`],
    logFile,
    {
      cwd: dirname(source),
      timeoutMs: DOWNLOAD_TIMEOUT_MS,
    },
  )
  const moduleDir = (JSON.parse(output) as { Dir?: string }).Dir
  if (!moduleDir) throw new Error(`go mod download printed no module folder; see ${logFile}`)
  const partial = `${source}.partial-${process.pid}`
  rmSync(partial, { recursive: true, force: true })
  cpSync(moduleDir, partial, { recursive: true })
  makeWritable(partial)
  writeFileSync(join(partial, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`)
  writeFileSync(join(partial, 'build', 'version', 'package.txt'), 'vodscope-devstack\n')
  applyPatches(partial)
  rmSync(source, { recursive: true, force: true })
  renameSync(partial, source)
  return source
}

/**
 * Source patches, each a literal replacement that must match exactly once (a FerretDB upgrade that
 * changes the line stops the build here rather than shipping an unpatched server).
 *
 * 1. `_id` lookups use the `_id` index. FerretDB 1.24's SQLite backend creates the unique index on
 *    `_ferretdb_sjson->"_id"` but filters and updates with `_ferretdb_sjson->'$._id'`. The two are
 *    the same JSON path, yet SQLite matches index expressions by their text, so every `{_id: …}` find,
 *    update and delete scanned the whole table: an update by `_id` took 9 ms with 50 documents and
 *    159 ms with 2,000 (packages/infra/README.md). `->'_id'` is the same path in the index's spelling.
 */
const PATCHES = [
  {
    file: 'internal/backends/sqlite/metadata/metadata.go',
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: `IDColumn = DefaultColumn + "->'_id'"`,
  },
] as const

export function applyPatches(sourceDir: string): void {
  for (const { file, from, to } of PATCHES) {
    const path = join(sourceDir, file)
    const text = readFileSync(path, 'utf8')
    const count = text.split(from).length - 1
    if (count !== 1)
      throw new Error(`FerretDB patch for ${file}: expected the line ${from} once, found it ${count} times`)
    writeFileSync(path, text.replace(from, to))
  }
}

/** The module cache is read-only; the copy must be writable to add files and to be deleted later. */
function makeWritable(dir: string): void {
  chmodSync(dir, 0o755)
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) makeWritable(path)
    else chmodSync(path, 0o644)
  }
}
