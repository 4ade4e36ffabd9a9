/**
 * The incremental cache: a document whose source, referenced assets, theme, options and offprint
 * version are unchanged, and whose outputs are still where they were written, is not rebuilt.
 * One small JSON entry per document in `<out>/.offprint-cache/`.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fromRoot, OFFPRINT_VERSION } from '../package-root.js'
import type { Format } from '../pipeline.js'
import type { Theme } from '../theme/load-theme.js'
import type { DocumentReport } from './report.js'

/** The folder holding cache entries, inside the output folder. */
export function cacheDir(outDir: string): string {
  return path.join(outDir, '.offprint-cache')
}

/**
 * offprint's own code: `dist/build-id`, a hash of the compiled code and templates written by
 * `npm run compile`, so that a changed offprint rebuilds everything even under the same version.
 */
export function codeId(): string {
  try {
    return readFileSync(fromRoot('dist', 'build-id'), 'utf8').trim()
  } catch {
    return 'uncompiled'
  }
}

/**
 * What identifies a font file's bytes. A font inside an npm package (`…/node_modules/<name>/…`) is
 * named by package, version and path: packages are not edited in place, and hashing the CJK fonts
 * (tens of megabytes) took most of a warm batch's start. Other font files, such as those next to a
 * theme, may be edited in place: their bytes are hashed.
 */
export function fontIdentity(file: string): string {
  const parts = path.resolve(file).split(path.sep)
  const at = parts.lastIndexOf('node_modules')
  if (at >= 0) {
    const length = parts[at + 1]?.startsWith('@') ? 2 : 1
    const name = parts.slice(at + 1, at + 1 + length).join('/')
    try {
      const manifest = JSON.parse(readFileSync([...parts.slice(0, at + 1 + length), 'package.json'].join(path.sep), 'utf8')) as { version?: string }
      if (manifest.version) return `npm:${name}@${manifest.version}/${parts.slice(at + 1 + length).join('/')}`
    } catch {
      // No readable manifest: fall back to the bytes.
    }
  }
  return `sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`
}

/** What is the same for every document of one run: theme (keys and fonts), options, offprint's version and code. */
export function runKey(theme: Theme, formats: Format[], strict: boolean, pdfStandard: string | undefined, code = codeId()): string {
  const hash = createHash('sha256').update(`offprint ${OFFPRINT_VERSION} ${code}\n`).update(JSON.stringify({ formats: [...formats].sort(), strict, pdfStandard, values: theme.values }))
  for (const file of Object.values(theme.fonts).sort()) hash.update(`${file}\0${fontIdentity(file)}\0`)
  return hash.digest('hex')
}

/**
 * Local files a document refers to (images, and link/definition targets that are files), read from
 * the Markdown text so the key is known before parsing. Only files inside the document's folder
 * (the content root parse vets images against) are considered: nothing outside it is ever read.
 * Extend here if parse learns to read other files: the key must change whenever any file the
 * outputs embed changes (today those are the images of `Document.assets`).
 */
export function referencedAssets(input: string, markdown: string): string[] {
  const root = path.resolve(path.dirname(input))
  const found = new Set<string>()
  const add = (target: string | undefined) => {
    if (!target || /^[a-z][a-z0-9+.-]*:|^#|^\//i.test(target)) return
    let clean: string
    try {
      clean = decodeURI(target.replace(/^<|>$/g, '').split(/[?#]/)[0]!)
    } catch {
      return
    }
    const resolved = path.resolve(root, clean)
    if (clean && resolved.startsWith(`${root}${path.sep}`)) found.add(resolved)
  }
  for (const match of markdown.matchAll(/!\[[^\]]*\]\(\s*(<[^>]*>|[^\s)]+)/g)) add(match[1])
  // The frontmatter's cover (`cover-image: path`, quoted or not).
  for (const match of markdown.matchAll(/^cover-image:[ \t]*["']?([^"'\r\n]+?)["']?[ \t]*$/gm)) add(match[1])
  for (const match of markdown.matchAll(/^(?:[ \t]*>)*[ \t]*\[[^\]]+\]:\s*(<[^>]*>|\S+)/gm)) add(match[1])
  for (const match of markdown.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)) add(match[1])
  return [...found].sort()
}

/** The key of one document: run key, source bytes, and every referenced asset's bytes (or its absence). */
export async function documentKey(run: string, input: string, source: Buffer): Promise<string> {
  const hash = createHash('sha256').update(run).update(source)
  for (const asset of referencedAssets(input, source.toString('utf8'))) {
    hash.update(`\0${asset}\0`)
    try {
      hash.update(await readFile(asset))
    } catch {
      hash.update('missing')
    }
  }
  return hash.digest('hex')
}

interface Entry {
  key: string
  /** Size and mtime of each output as written, to notice an output deleted or replaced since. */
  outputs: Record<string, { size: number; mtimeMs: number }>
  report: DocumentReport
}

function entryFile(outDir: string, input: string): string {
  return path.join(cacheDir(outDir), `${createHash('sha256').update(path.resolve(input)).digest('hex').slice(0, 32)}.json`)
}

/** The stored report of an unchanged document whose outputs are intact, or undefined. */
export async function lookup(outDir: string, input: string, key: string): Promise<DocumentReport | undefined> {
  let entry: Entry
  try {
    entry = JSON.parse(await readFile(entryFile(outDir, input), 'utf8')) as Entry
  } catch {
    return undefined
  }
  if (entry.key !== key) return undefined
  for (const [output, seen] of Object.entries(entry.outputs)) {
    const now = await stat(output).catch(() => undefined)
    if (!now || now.size !== seen.size || now.mtimeMs !== seen.mtimeMs) return undefined
  }
  return entry.report
}

/** Remember a successful build (failed ones are always retried). */
export async function store(outDir: string, input: string, key: string, report: DocumentReport): Promise<void> {
  const outputs: Entry['outputs'] = {}
  for (const output of Object.values(report.outputs)) {
    const info = await stat(output)
    outputs[output] = { size: info.size, mtimeMs: info.mtimeMs }
  }
  await mkdir(cacheDir(outDir), { recursive: true })
  await writeFile(entryFile(outDir, input), JSON.stringify({ key, outputs, report } satisfies Entry))
}
