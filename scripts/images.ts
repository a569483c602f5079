// `bun run images [target...]`: builds the Game Night images (api, relay, worker, migrate) from the
// lockfile with deploy/Dockerfile, on base images made locally from Debian's packages when they are
// missing (no registry needed), one build at a time with progress, and prints each image's size.
// `bun run images --official` builds on the official oven/bun and debian images instead (an engine
// that can pull). The same local bases serve compose (Postgres, Redis, the nginx edge) and
// testcontainers (Postgres, Redis): see docs/DEPLOY.md.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildFlags, engine, engineEnv, imageExists, imageSize, isPodman, mib, ROOT, run, secs } from './engine.ts'

export const BUN_VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager.split(
  '@',
)[1]

/** Local base images, made from Debian bookworm's packages (deploy/base/*). */
export const BASE = {
  debian: 'localhost/gamenight-base/debian:bookworm',
  bun: `localhost/gamenight-base/bun:${BUN_VERSION}`,
  postgres: 'localhost/gamenight-base/postgres:15-bookworm',
  redis: 'localhost/gamenight-base/redis:7.0-bookworm',
  nginx: 'localhost/gamenight-base/nginx:bookworm',
} as const
export type Base = keyof typeof BASE

export const TARGETS = ['api', 'relay', 'worker', 'migrate'] as const
export type Target = (typeof TARGETS)[number]

/** The tag compose runs (`gamenight/<target>:${GAMENIGHT_TAG:-latest}`). */
export const imageName = (target: Target, tag = process.env.GAMENIGHT_TAG ?? 'latest') => `gamenight/${target}:${tag}`

const say = (msg: string) => console.error(`images: ${msg}`)

/**
 * A minimal Debian bookworm root file system (`debootstrap --variant=minbase`, about 30 s), slimmed
 * like the official debian:*-slim (no docs but copyrights, no man pages or translations) and
 * imported as an image. Needs root and debootstrap (`apt-get install debootstrap`).
 */
async function makeDebianBase(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('making the Debian base needs root (debootstrap)')
  if (!Bun.which('debootstrap')) throw new Error('debootstrap is missing: apt-get install -y debootstrap')
  const mirror = process.env.DEBIAN_MIRROR ?? 'http://deb.debian.org/debian'
  const dir = mkdtempSync(join(tmpdir(), 'gamenight-rootfs-'))
  try {
    say(`debootstrap --variant=minbase bookworm from ${mirror}`)
    await run(['debootstrap', '--variant=minbase', 'bookworm', dir, mirror], { label: 'debootstrap' })
    const security = mirror.replace(/\/debian\/?$/, '/debian-security')
    writeFileSync(
      join(dir, 'etc/apt/sources.list'),
      `deb ${mirror} bookworm main\ndeb ${mirror} bookworm-updates main\ndeb ${security} bookworm-security main\n`,
    )
    // What the official slim images exclude, for packages installed on top as well.
    writeFileSync(
      join(dir, 'etc/dpkg/dpkg.cfg.d/slim'),
      [
        'path-exclude /usr/share/doc/*',
        'path-include /usr/share/doc/*/copyright',
        'path-exclude /usr/share/man/*',
        'path-exclude /usr/share/info/*',
        'path-exclude /usr/share/locale/*',
        'path-exclude /usr/share/lintian/*',
        '',
      ].join('\n'),
    )
    // Nor apt's caches (what the official images' docker-clean does): tens of MB per layer otherwise.
    const clean =
      'rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true'
    writeFileSync(
      join(dir, 'etc/apt/apt.conf.d/docker-clean'),
      `DPkg::Post-Invoke { "${clean}"; };\nAPT::Update::Post-Invoke { "${clean}"; };\n` +
        'Dir::Cache::pkgcache "";\nDir::Cache::srcpkgcache "";\n',
    )
    await run(
      [
        'sh',
        '-c',
        `cd ${dir} && find usr/share/doc -mindepth 1 -not -name copyright -not -type d -delete; ` +
          'rm -rf usr/share/man/* usr/share/info/* usr/share/locale/* var/cache/apt/*.bin ' +
          'var/cache/apt/archives/*.deb var/lib/apt/lists/* var/log/*.log',
      ],
      { label: 'debian' },
    )
    say(`importing ${BASE.debian}`)
    const tar = Bun.spawn(['tar', '-C', dir, '--numeric-owner', '-c', '.'], { stdout: 'pipe' })
    await run([engine, 'import', '--change', 'CMD ["bash"]', '-', BASE.debian], { label: 'import', stdin: tar.stdout })
    if ((await tar.exited) !== 0) throw new Error('tar of the root file system failed')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The Bun base: the Debian base plus the pinned Bun binary (the one running this script). */
async function makeBunBase(): Promise<void> {
  if (Bun.version !== BUN_VERSION)
    throw new Error(`the Bun base takes the running bun's binary: run with bun ${BUN_VERSION}, not ${Bun.version}`)
  const ctx = mkdtempSync(join(tmpdir(), 'gamenight-bun-'))
  try {
    await run(['cp', process.execPath, join(ctx, 'bun')])
    await buildBase('bun', join(ROOT, 'deploy/base/bun.Containerfile'), ctx)
  } finally {
    rmSync(ctx, { recursive: true, force: true })
  }
}

async function buildBase(base: Base, containerfile: string, context: string): Promise<void> {
  say(`building ${BASE[base]}`)
  await run(
    [
      engine,
      'build',
      ...buildFlags(),
      '--build-arg',
      `DEBIAN_IMAGE=${BASE.debian}`,
      '-f',
      containerfile,
      '-t',
      BASE[base],
      context,
    ],
    { label: base },
  )
}

/** Makes each missing base image (the Debian one first: the others are built on it). */
export async function ensureBaseImages(which: readonly Base[] = Object.keys(BASE) as Base[]): Promise<void> {
  const missing: Base[] = []
  for (const b of which) if (!(await imageExists(BASE[b]))) missing.push(b)
  if (missing.length === 0) return
  if (!(await imageExists(BASE.debian))) await makeDebianBase()
  for (const b of missing) {
    if (b === 'debian') continue
    const started = performance.now()
    if (b === 'bun') await makeBunBase()
    else await buildBase(b, join(ROOT, `deploy/base/${b}.Containerfile`), join(ROOT, 'deploy/base'))
    say(`${BASE[b]} ready in ${secs(performance.now() - started)}`)
  }
}

/** Build arguments naming the local bases (none with `official`: the Dockerfile's defaults). */
export function baseArgs(official = false): string[] {
  if (official) return []
  return [
    '--build-arg',
    `BUN_IMAGE=${BASE.bun}`,
    '--build-arg',
    `BUN_SLIM_IMAGE=${BASE.bun}`,
    '--build-arg',
    `DEBIAN_IMAGE=${BASE.debian}`,
  ]
}

export type Built = { target: Target; image: string; bytes: number; ms: number }

/** Builds the targets one after another (builds are CPU-heavy; the layer cache is shared). */
export async function buildImages(targets: readonly Target[] = TARGETS, official = false): Promise<Built[]> {
  if (!official) await ensureBaseImages(['debian', 'bun'])
  const built: Built[] = []
  for (const [i, target] of targets.entries()) {
    const image = imageName(target)
    say(`(${i + 1}/${targets.length}) building ${image}`)
    const started = performance.now()
    await run(
      [
        engine,
        'build',
        ...buildFlags(),
        ...baseArgs(official),
        '-f',
        'deploy/Dockerfile',
        '--target',
        target,
        '-t',
        image,
        '.',
      ],
      { label: target, env: engineEnv({ DOCKER_BUILDKIT: isPodman ? undefined : '1' }) },
    )
    built.push({ target, image, bytes: await imageSize(image), ms: performance.now() - started })
  }
  return built
}

if (import.meta.main) {
  const args = process.argv.slice(2)
  const official = args.includes('--official')
  const asked = args.filter((a) => !a.startsWith('--'))
  const bad = asked.filter((a) => !TARGETS.includes(a as Target))
  if (bad.length) {
    console.error(`usage: bun run images [--official] [${TARGETS.join('|')}...]  (unknown: ${bad.join(', ')})`)
    process.exit(2)
  }
  const started = performance.now()
  if (!official) await ensureBaseImages()
  const built = await buildImages(asked.length ? (asked as Target[]) : TARGETS, official)
  console.log('\nimage                       size     build')
  for (const b of built) console.log(`${b.image.padEnd(28)}${mib(b.bytes).padStart(7)}  ${secs(b.ms).padStart(7)}`)
  if (!official)
    for (const b of Object.values(BASE)) console.log(`${b.padEnd(48)}${mib(await imageSize(b)).padStart(7)}`)
  say(`done in ${secs(performance.now() - started)} (${engine})`)
}
