export { type Command, type Invocation, parseInvocation, USAGE, UsageError } from './args.js'
export { CliError, GatewayClient } from './client.js'
export { type Io, runCommand } from './commands.js'
export {
  clock,
  formatDeadLetters,
  formatHighlights,
  formatJob,
  formatSubmitResults,
  progressLine,
} from './format.js'
export { readEvents } from './sse.js'
