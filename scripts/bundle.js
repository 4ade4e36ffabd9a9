#!/usr/bin/env node
/**
 * The second half of `npm run compile` (after tsc writes dist/): bundle the CLI and the batch worker
 * with esbuild into dist/bundle/, so a cold `offprint build` loads a few files instead of hundreds
 * (module resolution and loading were a third of a small build's CPU). Code split: the PDF writer,
 * the EPUB writer, extract and verify are chunks loaded only when a command needs them.
 * Then writes dist/build-id: a hash of everything compiled and of templates/, which the cache key
 * includes so that a changed offprint rebuilds documents even when its version number is the same.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = path.join(root, 'dist', 'bundle')
rmSync(out, { recursive: true, force: true })

/**
 * Modules offprint's dependencies load but offprint never uses, replaced by a stub that fails
 * loudly with `why` if ever called:
 * - epub-gen-memory can download images and fonts over the network (node-fetch,
 *   abort-controller); offprint hands it only vetted images in memory
 *   (ReproducibleEpub.downloadAllImages). This keeps http, https and a 260 kB Unicode table out of
 *   every EPUB build.
 * - fontkit decompresses WOFF2 fonts with brotli, whose static dictionary is a 750 kB array literal
 *   compiled and built by every process that loads the PDF writer (a tenth of a batch worker's
 *   start). offprint never opens a WOFF2 font (load-theme.ts refuses them: pdfkit's subsetter fails
 *   on them).
 */
const STUBS = [
  { filter: /^(node-fetch|abort-controller)$/, why: (name) => `epub-gen-memory tried to use ${name}; offprint gives it every image in memory` },
  { filter: /^brotli\/decompress(\.js)?$/, why: () => 'fontkit tried to decompress a WOFF2 font; themes may name TTF or WOFF fonts only' },
]
const stubs = {
  name: 'offprint-stubs',
  setup(build) {
    for (const { filter, why } of STUBS) build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'offprint-stub', pluginData: why(args.path) }))
    build.onLoad({ filter: /.*/, namespace: 'offprint-stub' }, (args) => ({
      contents: `function refuse() { throw new Error(${JSON.stringify(`assert: ${args.pluginData}`)}) }\nmodule.exports = refuse\nmodule.exports.default = refuse\nmodule.exports.AbortController = refuse\n`,
      loader: 'js',
    }))
  },
}

/**
 * pdfkit is bundled, so that it and offprint share one fontkit (loaded from node_modules, pdfkit
 * brought a second copy into every process that writes a PDF: a tenth of a one-article build).
 * pdfkit finds its own files (the ICC profile of PDF/A, the standard fonts' metrics) from
 * `import.meta.url`, which in a chunk is the chunk's: it is given pdfkit's own file instead,
 * resolved where the bundle runs.
 */
const pdfkitInPlace = {
  name: 'offprint-pdfkit-in-place',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8')
      const uses = source.split('import.meta.url').length - 1
      if (uses !== 2) throw new Error(`pdfkit.node.mjs uses import.meta.url ${uses} times, not 2: check that its files are still found`)
      const own = "__offprintUrl(require.resolve('pdfkit')).href"
      return { contents: `import { pathToFileURL as __offprintUrl } from 'node:url';\n${source.replaceAll('import.meta.url', own)}`, loader: 'js' }
    })
  },
}

/**
 * tiny-inflate (raw DEFLATE in JavaScript) unpacks the Unicode tables of fontkit and linebreak when
 * they load, and WOFF fonts' tables: run cold in every new process, it took 60 ms of a batch
 * worker's start. Node's zlib does the same in native code; the stub keeps tiny-inflate's contract
 * (fill `dest`, return it, or a copy of its filled part when the data was shorter).
 */
const nativeInflate = {
  name: 'offprint-native-inflate',
  setup(build) {
    build.onResolve({ filter: /^tiny-inflate$/ }, (args) => ({ path: args.path, namespace: 'offprint-native-inflate' }))
    build.onLoad({ filter: /.*/, namespace: 'offprint-native-inflate' }, () => ({
      contents: [
        "const { inflateRawSync } = require('node:zlib')",
        'module.exports = function inflate(source, dest) {',
        '  const out = inflateRawSync(source)',
        "  if (out.length > dest.length) throw new Error('Data error')",
        '  dest.set(out)',
        '  return out.length < dest.length ? dest.slice(0, out.length) : dest',
        '}',
        '',
      ].join('\n'),
      loader: 'js',
    }))
  },
}

const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts', worker: 'src/batch/worker.ts' },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  metafile: true,
  logLevel: 'warning',
  // Packages that read their own files relative to themselves (hyphen's pattern folders, pdf.js's
  // worker, tinypool's worker entry; pdfkit is bundled, see pdfkitInPlace) or are native stay in
  // node_modules, loaded from there when needed.
  external: ['hyphen', 'hyphen/*', 'pdfjs-dist', 'pdfjs-dist/*', 'canvas', '@napi-rs/canvas', 'tinypool', 'chokidar', 'fsevents'],
  define: { OFFPRINT_BUNDLED: 'true' },
  // CommonJS dependencies inside an ES module bundle call `require` for Node's built-ins, and some
  // name `__filename` (write-file-atomic seeds its temporary names with it).
  banner: {
    js: [
      "import { createRequire as __offprintRequire } from 'node:module';",
      "import { fileURLToPath as __offprintPath } from 'node:url';",
      'const require = __offprintRequire(import.meta.url);',
      'const __filename = __offprintPath(import.meta.url);',
      "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
    ].join(' '),
  },
  chunkNames: 'chunk-[hash]',
  plugins: [stubs, pdfkitInPlace, nativeInflate],
})
// Which sources each output holds: lets a test tell which packages a run loaded from the chunks it loaded.
const inputs = Object.fromEntries(Object.entries(result.metafile.outputs).map(([file, output]) => [path.basename(file), Object.keys(output.inputs)]))
writeFileSync(path.join(out, 'inputs.json'), `${JSON.stringify(inputs, null, 1)}\n`)

/** Every file under `dir`, sorted, relative to the package root. */
function files(dir) {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort()
}
const hash = createHash('sha256')
for (const file of [...files('dist'), ...files('templates')]) {
  if (file === path.join('dist', 'build-id') || file.endsWith('.map')) continue
  hash.update(`${file}\0`).update(readFileSync(path.join(root, file)))
}
writeFileSync(path.join(root, 'dist', 'build-id'), `${hash.digest('hex')}\n`)
