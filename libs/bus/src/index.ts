export * from './keys.ts'
export * from './redis.ts'
