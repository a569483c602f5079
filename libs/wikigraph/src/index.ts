export * from './titles.ts'
export * from './parse.ts'
export * from './load.ts'
export * from './graph.ts'
