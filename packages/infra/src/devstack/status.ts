import { stackLayout } from './layout.js'
import { type Component, isRecordedProcessRunning, type PidRecord, readPidRecord } from './pid-records.js'
import { isPortAnswering } from './ports.js'
import { probeKafka, probeMongo } from './probes.js'
import { type StackConfig, stackEndpoints } from './stack-config.js'

export interface ComponentStatus {
  component: Component
  /** kafka, ferretdb, mongo-java-server, or "external". */
  server: string
  state: 'running' | 'stopped' | 'external'
  pid: number | undefined
  address: string
  version: string | undefined
  ready: boolean
  note: string | undefined
}

/** Looks at both components without changing anything; `ready` means a client can use it now. */
export async function stackStatus(config: StackConfig): Promise<ComponentStatus[]> {
  const layout = stackLayout(config)
  const { kafkaBrokers, mongoUrl } = stackEndpoints(config)
  const kafkaRecord = running(readPidRecord(layout.pidsDir, 'kafka'))
  const mongoRecord = running(readPidRecord(layout.pidsDir, 'mongo'))
  const [kafkaReady, mongoInfo] = await Promise.all([probeKafka(kafkaBrokers), probeMongo(mongoUrl)])

  const kafka: ComponentStatus = {
    component: 'kafka',
    server: config.externalKafka ? 'external' : 'kafka',
    state: config.externalKafka ? 'external' : kafkaRecord ? 'running' : 'stopped',
    pid: kafkaRecord?.pid,
    address: kafkaBrokers.join(','),
    version: kafkaRecord?.version,
    ready: kafkaReady && (config.externalKafka !== undefined || kafkaRecord !== undefined),
    note: await strangerNote(config.externalKafka, kafkaRecord, config.kafkaPort),
  }
  const mongo: ComponentStatus = {
    component: 'mongo',
    server: config.externalMongo ? 'external' : (mongoRecord?.server ?? config.mongoServer),
    state: config.externalMongo ? 'external' : mongoRecord ? 'running' : 'stopped',
    pid: mongoRecord?.pid,
    address: config.externalMongo ? 'MONGO_URL' : mongoUrl,
    version: mongoInfo
      ? `${mongoInfo.ferretdbVersion ? `FerretDB ${mongoInfo.ferretdbVersion}, ` : ''}MongoDB ${mongoInfo.version} wire`
      : mongoRecord?.version,
    ready: mongoInfo !== undefined && (config.externalMongo !== undefined || mongoRecord !== undefined),
    note: await strangerNote(config.externalMongo, mongoRecord, config.mongoPort),
  }
  return [kafka, mongo]
}

export function formatStatus(rows: readonly ComponentStatus[]): string {
  return rows
    .map((row) =>
      [
        `${row.component}:`.padEnd(7),
        row.ready ? 'ready    ' : 'NOT READY',
        row.server.padEnd(17),
        row.state.padEnd(8),
        `pid ${row.pid ?? '-'}`.padEnd(11),
        row.address,
        row.version ? ` (${row.version})` : '',
        row.note ? `  ${row.note}` : '',
      ]
        .join(' ')
        .trimEnd(),
    )
    .join('\n')
}

function running(record: PidRecord | undefined): PidRecord | undefined {
  return record && isRecordedProcessRunning(record) ? record : undefined
}

/** A stopped stack whose port still answers: something else holds it, which `up` would refuse. */
async function strangerNote(
  external: unknown,
  record: PidRecord | undefined,
  port: number,
): Promise<string | undefined> {
  if (external || record || !(await isPortAnswering(port))) return undefined
  return `port ${port} is held by a process this stack did not start`
}
