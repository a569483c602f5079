export * from './connect.ts'
export * from './migrate.ts'
export * from './outbox.ts'
export * as trivia from './trivia.ts'
