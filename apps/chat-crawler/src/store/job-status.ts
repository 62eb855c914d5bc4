import { COLLECTIONS, type JobDocument } from '@vodscope/contracts'
import type { Db } from 'mongodb'

/**
 * Whether the job's chat stage has ended (done or skipped). A plain read: chunk workers check it
 * before crawling so chunks of a finished or skipped stage are acknowledged without work, and without
 * the write (and event) that claiming the stage per chunk would cost.
 */
export async function chatStageEnded(db: Db, jobId: string): Promise<boolean> {
  const job = await db
    .collection<JobDocument>(COLLECTIONS.jobs)
    .findOne({ _id: jobId }, { projection: { 'stages.chat.status': 1 } })
  const status = job?.stages?.chat?.status
  return status === 'done' || status === 'skipped'
}
