import type { HighlightsResponse, JobView, SubmitLinksResponse, VideoView } from '@vodscope/contracts'
import { type Command, type Invocation, USAGE } from './args.js'
import { CliError, GatewayClient } from './client.js'
import { DoctorUsageError, doctor } from './doctor.js'
import { doctorClips } from './doctor-clips.js'
import { follow } from './follow-job.js'
import {
  type DeadLetterRow,
  formatDeadLetters,
  formatHighlights,
  formatJob,
  formatSubmitResults,
} from './format.js'
import type { Io } from './io.js'
import { LiveProgress } from './live-progress.js'

export type { Io }

/**
 * Runs one command against the gateway (doctor: against the platforms; doctor --clips: both); resolves
 * to the exit code.
 */
export async function runCommand(
  { command, gateway, apiKey }: Invocation,
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const client = new GatewayClient(gateway, apiKey)
  const print = (text: string) => io.out.write(`${text}\n`)
  switch (command.name) {
    case 'help':
      print(USAGE)
      return 0
    case 'submit':
      return submit(client, command, io)
    case 'doctor':
      try {
        return await doctor(command.urls, env, print)
      } catch (error) {
        if (error instanceof DoctorUsageError) throw new CliError(error.message)
        throw error
      }
    case 'doctor-clips':
      return doctorClips(command, client, io, env)
    case 'status': {
      print(formatJob(await client.get<JobView>(`/v1/jobs/${encodeURIComponent(command.jobId)}`)))
      return 0
    }
    case 'highlights': {
      const path = `/v1/videos/${encodeURIComponent(command.videoKey)}`
      if (command.format !== undefined) {
        // The gateway renders every export; the CLI writes it as it came, for a pipe or a file.
        io.out.write(await client.text(`${path}/highlights?format=${command.format}`))
        return 0
      }
      const [video, { highlights }] = await Promise.all([
        client.get<VideoView>(path),
        client.get<HighlightsResponse>(`${path}/highlights`),
      ])
      print(formatHighlights({ ...video, highlights }))
      return 0
    }
    case 'dlq-list': {
      const query = command.group === undefined ? '' : `?group=${encodeURIComponent(command.group)}`
      const body = await client.get<{ deadLetters: DeadLetterRow[]; total: number }>(
        `/v1/ops/dead-letters${query}`,
      )
      print(formatDeadLetters(body.deadLetters, body.total))
      return 0
    }
    case 'dlq-replay': {
      const result = await client.post<{ replayed: number; missing: string[] }>(
        '/v1/ops/dead-letters/replay',
        {
          group: command.group,
          ...command.select,
        },
      )
      print(`replayed ${result.replayed} dead letter(s) of ${command.group}`)
      if (result.missing.length === 0) return 0
      io.err.write(`not pending (unknown or replayed already): ${result.missing.join(', ')}\n`)
      return 1
    }
  }
}

/** Exit code 1 when a link was rejected or a followed job ended with a failed stage. */
async function submit(
  client: GatewayClient,
  command: Extract<Command, { name: 'submit' }>,
  io: Io,
): Promise<number> {
  // 422 (every link rejected) still carries the per-link reasons in `details.results`.
  const body = await client.post<SubmitLinksResponse | { details: SubmitLinksResponse }>(
    '/v1/links',
    command.force ? { links: command.links, force: true } : { links: command.links },
    [422],
  )
  const response = 'details' in body ? body.details : body
  io.out.write(`${formatSubmitResults(response)}\n`)
  let exit = response.rejected > 0 ? 1 : 0
  if (!command.wait) return exit

  const accepted = response.results.flatMap((r) => (r.status === 'accepted' ? [r] : []))
  const progress = new LiveProgress(io.out)
  const finals = await Promise.all(accepted.map((r) => follow(client, r.jobId, r.videoKey, progress)))
  for (const job of finals) {
    if (Object.values(job.stages).some((s) => s.status === 'failed')) exit = 1
    const video = await client
      .get<VideoView>(`/v1/videos/${encodeURIComponent(job.videoKey)}`)
      .catch(() => null)
    io.out.write(`\n${video === null ? `${job.videoKey}: no video metadata` : formatHighlights(video)}\n`)
  }
  return exit
}
