import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Chromium the browser tests drive; `null` when none could be installed (tests skip). */
    chromiumPath: string | null
  }
}

const DEFAULT_PATH = '/usr/bin/chromium'

/**
 * Global setup of the `browser` project: makes sure Debian's Chromium is installed (playwright-core
 * cannot download its own browser without internet, and CI machines start without one). Idempotent:
 * an installed browser is used as it is. Without apt (another OS, no root) the tests skip and say why.
 */
export default function ensureChromium(project: TestProject): void {
  const path = process.env.CHROMIUM_PATH ?? DEFAULT_PATH
  if (!existsSync(path) && process.env.CHROMIUM_PATH === undefined) install()
  if (existsSync(path)) {
    project.provide('chromiumPath', path)
    return
  }
  console.warn(
    `browser tests skipped: no Chromium at ${path}, and "apt-get install -y chromium" was not possible. ` +
      'Install Chromium or set CHROMIUM_PATH to run them.',
  )
  project.provide('chromiumPath', null)
}

function install(): void {
  if (!existsSync('/usr/bin/apt-get')) return
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const asRoot = process.getuid?.() === 0
  const run = (args: string[]) =>
    asRoot
      ? execFileSync('apt-get', args, { stdio: 'inherit', env })
      : execFileSync('sudo', ['-n', 'apt-get', ...args], { stdio: 'inherit', env })
  try {
    console.log('installing Chromium for the browser tests (apt-get install -y chromium)…')
    run(['update', '-qq'])
    run(['install', '-y', '-qq', 'chromium'])
  } catch (error) {
    console.warn(`could not install Chromium: ${(error as Error).message}`)
  }
}
