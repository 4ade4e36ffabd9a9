/** One document of a batch: cache lookup, build, page count, cache store. Runs in a worker or in-process. */
import { readFile, stat } from 'node:fs/promises'
import { DEFAULT_MAX_INPUT_BYTES } from '../limits.js'
import type { Format } from '../pipeline.js'
import type { PdfStandard } from '../render-pdf/standard.js'
import type { Theme } from '../theme/load-theme.js'
import { documentKey, lookup, store } from './cache.js'
import { messageReports, type DocumentReport } from './report.js'

/** Everything a worker needs to build one document (plain data: it is copied to the worker). */
export interface BuildJob {
  input: string
  outDir: string
  formats: Format[]
  theme: Theme
  strict: boolean
  pdfStandard?: PdfStandard
  /** Fetch public http(s) images (`--allow-remote`). */
  allowRemote?: boolean
  /** Largest Markdown file built, in bytes (`--max-input-size`). */
  maxInputBytes?: number
  /** Hash of what all documents of the run share (see `runKey`); undefined disables the cache. */
  runKey?: string
}

/**
 * The document's bytes, or undefined when it cannot be read or is larger than the job's limit (a
 * file too large is never read whole: its build fails on its size).
 */
async function readSource(job: BuildJob): Promise<Buffer | undefined> {
  const size = await stat(job.input).then((info) => info.size, () => Infinity)
  return size <= (job.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES) ? readFile(job.input).catch(() => undefined) : undefined
}

/** The cached report of an unchanged document, or undefined when it must be built. */
export async function cachedReport(job: BuildJob): Promise<DocumentReport | undefined> {
  if (!job.runKey) return undefined
  const source = await readSource(job)
  if (!source) return undefined
  const hit = await lookup(job.outDir, job.input, await documentKey(job.runKey, job.input, source))
  return hit && { ...hit, cached: true, milliseconds: 0 }
}

/** Build one document and remember it in the cache when it succeeded. */
export async function buildOne(job: BuildJob): Promise<DocumentReport> {
  const started = performance.now()
  // The key is taken from the bytes read before building: if the file changes meanwhile, the
  // next run sees a different key and rebuilds, never the reverse.
  const source = await readSource(job)
  const key = source && job.runKey ? await documentKey(job.runKey, job.input, source) : undefined
  // Loaded on the first document that needs building: a run where every document is unchanged
  // never loads the parser and writers.
  const { buildFile } = await import('../pipeline.js')
  const result = await buildFile(job.input, { outDir: job.outDir, formats: job.formats, theme: job.theme, strict: job.strict, pdfStandard: job.pdfStandard, allowRemote: job.allowRemote, maxInputBytes: job.maxInputBytes, source })
  const messages = messageReports(result.messages)
  const report: DocumentReport = {
    input: job.input,
    ok: result.ok,
    cached: false,
    outputs: result.outputs,
    pages: result.pages,
    warnings: messages.filter((message) => message.severity === 'warning').length,
    errors: messages.filter((message) => message.severity === 'error').length,
    milliseconds: Math.round(performance.now() - started),
    messages,
  }
  if (result.ok && key) await store(job.outDir, job.input, key, report)
  return report
}
