export * from './clients.js'
export * from './config.js'
export * from './provision.js'
export * from './store.js'
