import { COLLECTIONS, type JobDocument } from '@vodscope/contracts'
import type { Db } from 'mongodb'

/**
 * How the job's chat stage has ended (`done` or `skipped`), or undefined while it has not. A plain
 * read: chunk workers check it before crawling so chunks of an ended stage are acknowledged without
 * work, and without the write (and event) that claiming the stage per chunk would cost.
 */
export async function chatStageEnd(db: Db, jobId: string): Promise<'done' | 'skipped' | undefined> {
  const job = await db
    .collection<JobDocument>(COLLECTIONS.jobs)
    .findOne({ _id: jobId }, { projection: { 'stages.chat.status': 1 } })
  const status = job?.stages?.chat?.status
  return status === 'done' || status === 'skipped' ? status : undefined
}
