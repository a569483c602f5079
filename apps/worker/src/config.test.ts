import { expect, it } from 'bun:test'
import { ConfigError } from '@gamenight/runtime'
import { loadConfig } from './config.ts'

it('refuses to start in production without WORKER_TOKEN', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('WORKER_TOKEN is required when NODE_ENV=production')
  expect(() => loadConfig({ NODE_ENV: 'production', WORKER_TOKEN: '' })).toThrow('WORKER_TOKEN')
  expect(loadConfig({ NODE_ENV: 'production', WORKER_TOKEN: 's3cret' }).workerToken).toBe('s3cret')
})

it('has the contract defaults and a unique consumer name per process', () => {
  const c = loadConfig({})
  expect([c.port, c.apiUrl, c.redis.url, c.redisPrefix, c.workerToken]).toEqual([
    3002,
    'http://127.0.0.1:3000',
    'redis://127.0.0.1:6379',
    'gn:',
    'dev-worker-token',
  ])
  expect(c.consumer).toContain(String(process.pid))
  expect(loadConfig({}).consumer).not.toBe(c.consumer)
  // An empty number is unset; an empty prefix is a prefix.
  expect(loadConfig({ AI_CONCURRENCY: '', REDIS_PREFIX: '' })).toMatchObject({ concurrency: 4, redisPrefix: '' })
  expect(loadConfig({ API_URL: 'http://api:3000//' }).apiUrl).toBe('http://api:3000')
})

it('names every bad variable in one message, with what it must be', () => {
  let err: unknown
  try {
    loadConfig({
      AI_CONCURRENCY: '0',
      AI_CLAIM_IDLE_MS: 'soon',
      LOG_LEVEL: 'loud',
      PORT: '70000',
      NODE_ENV: 'production',
    })
  } catch (e) {
    err = e
  }
  expect(err).toBeInstanceOf(ConfigError)
  expect((err as ConfigError).issues.map((i) => i.name).sort()).toEqual([
    'AI_CLAIM_IDLE_MS',
    'AI_CONCURRENCY',
    'LOG_LEVEL',
    'PORT',
    'WORKER_TOKEN',
  ])
  const message = (err as Error).message
  expect(message).toContain('AI_CONCURRENCY must be an integer >= 1, got "0"')
  expect(message).toContain('AI_CLAIM_IDLE_MS must be an integer >= 1, got "soon"')
  expect(message).toContain('LOG_LEVEL must be one of debug, info, warn, error, got "loud"')
  expect(message).toContain('PORT must be an integer from 0 to 65535, got "70000"')
})
