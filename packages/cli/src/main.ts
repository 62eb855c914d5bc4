#!/usr/bin/env node
import { parseInvocation, USAGE, UsageError } from './args.js'
import { CliError } from './client.js'
import { runCommand } from './commands.js'

try {
  const invocation = parseInvocation(process.argv.slice(2), process.env)
  process.exitCode = await runCommand(invocation, { out: process.stdout, err: process.stderr })
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`vodscope: ${error.message}\n\n${USAGE}\n`)
    process.exitCode = 2
  } else if (error instanceof CliError) {
    process.stderr.write(`vodscope: ${error.message}\n`)
    process.exitCode = 1
  } else {
    throw error
  }
}
