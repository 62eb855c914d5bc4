/**
 * The environment that points every platform client at the simulator: one base URL for all
 * upstreams (platforms reads `VODSCOPE_UPSTREAM_URL`; the simulator serves every platform's paths).
 */
export function simEnv(simUrl: string): NodeJS.ProcessEnv {
  return { VODSCOPE_UPSTREAM_URL: simUrl }
}
