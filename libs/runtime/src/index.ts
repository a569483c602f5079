export * from './health.ts'
export * from './shutdown.ts'
