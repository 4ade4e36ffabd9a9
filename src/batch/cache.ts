/**
 * The incremental cache: a document whose source, referenced assets, theme, options and offprint
 * version are unchanged, and whose outputs are still where they were written, is not rebuilt.
 * One small JSON entry per document in `<out>/.offprint-cache/`.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { OFFPRINT_VERSION } from '../package-root.js'
import type { Format } from '../pipeline.js'
import type { Theme } from '../theme/load-theme.js'
import type { DocumentReport } from './report.js'

/** The folder holding cache entries, inside the output folder. */
export function cacheDir(outDir: string): string {
  return path.join(outDir, '.offprint-cache')
}

/** What is the same for every document of one run: theme (keys and font bytes), options, version. */
export function runKey(theme: Theme, formats: Format[], strict: boolean, pdfStandard: string | undefined): string {
  const hash = createHash('sha256').update(`offprint ${OFFPRINT_VERSION}\n`).update(JSON.stringify({ formats: [...formats].sort(), strict, pdfStandard, values: theme.values }))
  // Theme fonts may be files next to the theme, edited in place: hash their bytes, once per run.
  for (const file of Object.values(theme.fonts).sort()) hash.update(file).update(readFileSync(file))
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
