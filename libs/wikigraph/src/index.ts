export * from './graph.ts'
export * from './load.ts'
export * from './parse.ts'
export * from './titles.ts'
