export * from './health.ts'
export * from './shutdown.ts'
export * from './env.ts'
