export * from './env.ts'
export * from './health.ts'
export * from './shutdown.ts'
