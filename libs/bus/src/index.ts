export * from './redis.ts'
export * from './keys.ts'
