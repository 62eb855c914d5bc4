/** Seconds since `since` (a Date.now() value), for progress lines such as "started in 7.4s". */
export function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`
}
