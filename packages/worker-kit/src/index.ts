export { RETRY_DEFAULTS, type RetryPolicy, retryDelayMs } from './backoff.js'
export {
  LOG_LEVELS,
  type LogLevel,
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
export {
  DEFAULT_CONCURRENCY,
  type Handler,
  type HandlerContext,
  TUNING_DEFAULTS,
  type Worker,
  type WorkerOptions,
  type WorkerStatus,
  type WorkerTuning,
} from './options.js'
export { createProducer } from './producer.js'
export {
  type RunningWorkers,
  type RunWorkersOptions,
  runWorkers,
  type WorkerResources,
} from './run-workers.js'
export { createWorker } from './worker.js'
