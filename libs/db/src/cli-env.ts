// The migrate command's one knob, as a schema like every app's config (libs/runtime readEnv), so the
// README table and the deploy checks see it too.
import { readEnv, sharedEnv } from '@gamenight/runtime'
import { Type as t } from '@sinclair/typebox'

export const MigrateEnv = t.Object({ DATABASE_URL: sharedEnv.DATABASE_URL })

export const loadMigrateConfig = (env: Record<string, string | undefined> = process.env) => readEnv(MigrateEnv, env)
