export * from './clients.js'
export * from './config.js'
