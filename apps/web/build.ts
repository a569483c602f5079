// Builds the web client into dist/: index.html plus content-hashed JS and CSS under dist/assets/.
// Everything is bundled (no CDN); the api serves dist/ at `/`.
import { rm } from 'node:fs/promises'
import { join } from 'node:path'

const root = import.meta.dir
const outdir = join(root, 'dist')

export async function buildWeb(opts: { minify?: boolean } = {}) {
  await rm(outdir, { recursive: true, force: true })
  const result = await Bun.build({
    entrypoints: [join(root, 'src', 'index.html')],
    outdir,
    target: 'browser',
    minify: opts.minify ?? true,
    sourcemap: 'linked',
    naming: { entry: '[name].[ext]', chunk: 'assets/[name]-[hash].[ext]', asset: 'assets/[name]-[hash].[ext]' },
    publicPath: '/',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  if (!result.success) {
    for (const log of result.logs) console.error(log)
    throw new Error('web build failed')
  }
  return result.outputs.map((o) => o.path)
}

if (import.meta.main) {
  const started = performance.now()
  const files = await buildWeb()
  console.log(`web: built ${files.length} files into ${outdir} in ${Math.round(performance.now() - started)} ms`)
}
