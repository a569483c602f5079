// The trivia persistence functions under one namespace (`trivia.*` from @gamenight/db).

export * from './buzzer.ts'
export * from './clue.ts'
export * from './fair-buzzer.ts'
export * from './trivia.ts'
export * from './trivia-result.ts'
export * from './trivia-snapshot.ts'
export * from './wagers.ts'
