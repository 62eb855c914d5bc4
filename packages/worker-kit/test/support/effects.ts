/** What test/fixtures/effect-worker.ts stores per message: the effect, and every run that made it. */
export interface EffectDocument {
  _id: string
  key: string
  seq: number
  /** Where the message was read from (the main topic in these tests). */
  partition: number
  offset: number
  runs: { pid: number; startedAt: Date; finishedAt: Date }[]
}

/** Every run, flattened, with the id of its message. */
export function allRuns(docs: EffectDocument[]) {
  return docs.flatMap((doc) => doc.runs.map((run) => ({ id: doc._id, ...run })))
}
