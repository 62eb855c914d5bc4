import { runInNewContext } from 'node:vm'
import type { Types } from 'youtubei.js'

/** Long enough for a real base.js extract (milliseconds in practice), short enough to stop a runaway loop. */
const EVAL_TIMEOUT_MS = 2_000 // two seconds

/**
 * youtubei.js's `Platform.shim.eval`: it throws until the application supplies one (youtubei.js 18,
 * src/platform/jsruntime/default.ts, read 2026-12). `data.output` is the n/sig code it extracted from
 * the player base.js with a `process(n, sp, sig)` function appended (src/utils/Utils.ts
 * `getNsigProcessorFn`); calling it returns `{ n, sig }`. It runs in a fresh V8 context with a
 * timeout: no access to our globals, no way to hang the worker. (node:vm is not a security boundary,
 * but the script comes from YouTube's own player, the same code every browser runs.)
 */
export function evaluatePlayerScript(
  data: Types.BuildScriptResult,
  env: Record<string, Types.VMPrimative>,
): Types.EvalResult {
  const arg = (value: Types.VMPrimative) => JSON.stringify(typeof value === 'string' ? value : '')
  const code = `(function(){\n${data.output}\nreturn process(${arg(env.n)}, ${arg(env.sp)}, ${arg(env.sig)});\n})()`
  return runInNewContext(code, {}, { timeout: EVAL_TIMEOUT_MS, displayErrors: false }) as Types.EvalResult
}
