// Where the tests find Postgres and Redis: the servers named by DATABASE_URL / REDIS_URL (set by
// scripts/test.ts, from testcontainers when Docker exists, else the local servers as on CI).
export const BASE_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
/** A database already migrated (and with the article graph loaded) that fresh test databases copy. */
export const TEMPLATE_DB = process.env.GN_TEMPLATE_DB ?? ''
