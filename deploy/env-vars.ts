// Which environment variables each service reads: its config schema (apps/*/src/config.ts, the
// migrate command's libs/db/src/cli-env.ts), the same schema the service parses at start, so a knob
// added tomorrow is caught by the deployment tests (tests/deploy-*.test.ts, tests/k8s-*.test.ts).
import { describeEnv } from '@gamenight/runtime'
import type { TObject } from '@sinclair/typebox'
import { ApiEnv } from '../apps/api/src/config.ts'
import { RelayEnv } from '../apps/relay/src/config.ts'
import { WorkerEnv } from '../apps/worker/src/config.ts'
import { MigrateEnv } from '../libs/db/src/cli-env.ts'

export type Target = 'api' | 'relay' | 'worker' | 'migrate'

/** Each target's config schema. */
export const ENV_SCHEMAS: Record<Target, TObject> = {
  api: ApiEnv,
  relay: RelayEnv,
  worker: WorkerEnv,
  migrate: MigrateEnv,
}

export function envVarsRead(target: Target): string[] {
  return describeEnv(ENV_SCHEMAS[target])
    .map((v) => v.name)
    .sort()
}

/** Read by the code but deliberately never set by a deployment, with the reason. */
export const NOT_DEPLOYED: Record<string, string> = {
  AI_CONSUMER: 'per-process consumer name; the default (hostname = pod name, pid, random) must stay unique',
}
/** Test-only hooks (marked `testOnly` in their schema) are never set in a deployment. */
export const isTestOnly = (name: string) =>
  Object.values(ENV_SCHEMAS).some((s) => describeEnv(s).some((v) => v.name === name && v.testOnly))

export const mustDeploy = (target: Target) => envVarsRead(target).filter((n) => !(n in NOT_DEPLOYED) && !isTestOnly(n))

/** The default port of a service (its schema's PORT default). */
export function defaultPort(service: 'api' | 'relay' | 'worker'): number {
  const port = ENV_SCHEMAS[service].properties.PORT?.default
  if (typeof port !== 'number') throw new Error(`no PORT default in the ${service} config schema`)
  return port
}
