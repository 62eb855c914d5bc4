export { APPS, type AppName } from './apps.js'
export { eventually, freePort, type Pipeline, type PipelineOptions, startPipeline } from './pipeline.js'
export { type ProcessSpec, Supervisor } from './supervisor.js'
