import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

/** The external programs the devstack runs, and what to install when one is missing. */
export const TOOLS = {
  java: 'a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless)',
  mvn: 'Maven 3.8+ (Debian: apt-get install maven), used once to fetch the Kafka jars',
  go: 'Go 1.22+ (https://go.dev/dl/), used once to build FerretDB',
} as const

export type Tool = keyof typeof TOOLS

export class MissingToolError extends Error {
  override readonly name = 'MissingToolError'
  constructor(readonly tool: Tool) {
    super(`"${tool}" is not on PATH: install ${TOOLS[tool]}`)
  }
}

/** Finds an executable on PATH the way a shell would, without running it. */
function findOnPath(command: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, command)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not in this directory
    }
  }
  return undefined
}

/** Throws naming the first missing tool, so the user learns what to install before anything starts. */
export function requireTools(tools: readonly Tool[], path = process.env.PATH ?? ''): void {
  const missing = tools.find((tool) => !findOnPath(tool, path))
  if (missing) throw new MissingToolError(missing)
}
