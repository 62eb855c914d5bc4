export { RETRY_DEFAULTS, type RetryPolicy, retryDelayMs } from './backoff.js'
export {
  loadProcessConfig,
  loadWorkerConfig,
  PROCESS_DEFAULTS,
  type ProcessConfig,
  type WorkerConfig,
} from './config.js'
export {
  type DeadLetter,
  type DeadLetterSelector,
  listDeadLetters,
  type ReplayResult,
  replayDeadLetters,
} from './dead-letters.js'
export { DEFAULT_CONCURRENCY, TUNING_DEFAULTS } from './defaults.js'
export {
  classifyFailure,
  describeFailure,
  type Failure,
  WORKER_ERRORS,
  WorkerError,
  type WorkerErrorCode,
} from './errors.js'
export { createFanIn, type FanIn, type FanInDocument, type FanInResult } from './fan-in.js'
export {
  FAILURE_HEADERS,
  type FailureInfo,
  headersToStrings,
  REPLAY_OF_HEADER,
  REPLAYED_FROM_HEADER,
  readFailure,
} from './headers.js'
export {
  type ClaimResult,
  createJobStages,
  type JobRef,
  type JobStages,
  type StageName,
} from './job-stages.js'
export { createLogger, type Logger } from './logger.js'
export { type WorkerMetrics, workerMetrics } from './metrics.js'
export { type HealthReport, type MetricsServer, startMetricsServer } from './metrics-server.js'
export type {
  Handler,
  HandlerContext,
  Worker,
  WorkerOptions,
  WorkerStatus,
  WorkerTuning,
} from './options.js'
export { createProducer } from './producer.js'
export { ProgressThrottle } from './progress-throttle.js'
export {
  type RunningWorkers,
  type RunWorkersOptions,
  runWorkers,
  type WorkerResources,
} from './run-workers.js'
export { createWorker } from './worker.js'
