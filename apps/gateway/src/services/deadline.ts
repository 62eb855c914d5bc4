/** A bounded wait ran out: the broker or the database did not answer in time. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError'
}

/** Rejects with DeadlineError after `ms`; the work itself carries on and its result is dropped. */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DeadlineError(`no answer within ${ms} ms`)), ms)
    work.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}
