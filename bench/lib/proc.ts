// What a benchmark reads about a process it started.
import { readFileSync } from 'node:fs'

/** utime + stime of `pid` in seconds (/proc/<pid>/stat, clock ticks of 10 ms; includes exited threads). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) / 100
}
