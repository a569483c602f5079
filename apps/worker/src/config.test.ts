import { expect, it } from 'bun:test'
import { loadConfig } from './config.ts'

it('refuses to start in production without WORKER_TOKEN', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('WORKER_TOKEN')
  expect(loadConfig({ NODE_ENV: 'production', WORKER_TOKEN: 's3cret' }).workerToken).toBe('s3cret')
})

it('has the contract defaults and a unique consumer name per process', () => {
  const c = loadConfig({})
  expect([c.port, c.apiUrl, c.redisUrl, c.redisPrefix]).toEqual([
    3002,
    'http://127.0.0.1:3000',
    'redis://127.0.0.1:6379',
    'gn:',
  ])
  expect(c.consumer).toContain(String(process.pid))
  expect(loadConfig({}).consumer).not.toBe(c.consumer)
})

it('names the variable that is not a valid number', () => {
  expect(() => loadConfig({ AI_CONCURRENCY: '0' })).toThrow('AI_CONCURRENCY')
  expect(() => loadConfig({ AI_CLAIM_IDLE_MS: 'soon' })).toThrow('AI_CLAIM_IDLE_MS')
  expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow('LOG_LEVEL')
})
