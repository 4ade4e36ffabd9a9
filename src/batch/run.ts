/**
 * A batch: look every document up in the cache, build the rest on a pool of worker threads (one
 * per core, never more than documents), report each result as it comes, in any order, and
 * return the reports in input order.
 */
import { availableParallelism } from 'node:os'
import { fromRoot } from '../package-root.js'
import type { Format } from '../pipeline.js'
import type { PdfStandard } from '../render-pdf/standard.js'
import type { Theme } from '../theme/load-theme.js'
import { buildOne, cachedReport, type BuildJob } from './build-one.js'
import { runKey } from './cache.js'
import { summarize, type BatchSummary, type DocumentReport } from './report.js'
import { stopOnInterrupt } from '../write.js'
import type { WorkerWarmUp } from './worker.js'

/** A document whose build threw (a bug, or the file system): a failed report, never a lost batch. */
function crashed(job: BuildJob): (error: unknown) => DocumentReport {
  return (error) => {
    const reason = `could not build: ${error instanceof Error ? error.message : String(error)}`
    return { input: job.input, ok: false, cached: false, outputs: {}, pages: 0, warnings: 0, errors: 1, milliseconds: 0, messages: [{ severity: 'error', reason, ruleId: 'build-failed' }] }
  }
}

/** How a batch runs. */
export interface BatchOptions {
  outDir: string
  formats: Format[]
  theme: Theme
  strict?: boolean
  /** Archival standard of the PDF; default: the theme's `pdf_standard`. */
  /** Fetch public http(s) images; such builds bypass the cache (a remote image may change). */
  allowRemote?: boolean
  pdfStandard?: PdfStandard
  /** Rebuild even unchanged documents (the cache is still refreshed). */
  force?: boolean
  /** Skip the cache entirely: neither read nor written. */
  noCache?: boolean
  /** Worker threads; 1 builds in this thread. Default: available cores. */
  jobs?: number
}

/** Reports in input order, and their totals. */
export interface BatchResult {
  documents: DocumentReport[]
  summary: BatchSummary
}

/** Set (by esbuild's `define`) only in the bundled CLI of dist/bundle/. */
declare const OFFPRINT_BUNDLED: true | undefined

// The bundled CLI runs the bundled worker; the library (dist/) and the tests (src/) run dist/batch/worker.js.
const WORKER = fromRoot('dist', ...(typeof OFFPRINT_BUNDLED === 'undefined' ? ['batch', 'worker.js'] : ['bundle', 'worker.js']))

/** A pool of `threads` workers that start loading what `formats` need at once. */
async function startPool(threads: number, formats: Format[]): Promise<import('tinypool').Tinypool> {
  // Loaded only for a parallel batch: a single document never pays for the pool.
  const { Tinypool } = await import('tinypool')
  return new Tinypool({ filename: WORKER, minThreads: threads, maxThreads: threads, workerData: { formats } satisfies WorkerWarmUp })
}

/** Build `inputs`; `onDocument` hears about each document as soon as it is done. */
export async function runBatch(inputs: string[], options: BatchOptions, onDocument?: (report: DocumentReport) => void): Promise<BatchResult> {
  const started = performance.now()
  const key = options.noCache || options.allowRemote ? undefined : runKey(options.theme, options.formats, options.strict ?? false, options.pdfStandard)
  const jobs: BuildJob[] = inputs.map((input) => ({ input, outDir: options.outDir, formats: options.formats, theme: options.theme, strict: options.strict ?? false, pdfStandard: options.pdfStandard, allowRemote: options.allowRemote, runKey: key }))
  const documents: DocumentReport[] = new Array(inputs.length)
  const todo: number[] = []
  const threadsFor = (count: number) => Math.min(options.jobs ?? availableParallelism(), count)
  // When every document will be built (--force, no cache), the workers start (and load the
  // writers) while the cache is skipped; otherwise only once it is known that some must be built.
  const early = (options.force || !key) && threadsFor(inputs.length) > 1 ? startPool(threadsFor(inputs.length), options.formats) : undefined
  await Promise.all(
    jobs.map(async (job, index) => {
      const hit = options.force ? undefined : await cachedReport(job)
      if (hit) {
        documents[index] = hit
        onDocument?.(hit)
      } else todo.push(index)
    }),
  )
  todo.sort((a, b) => a - b)
  const threads = threadsFor(todo.length)
  const finish = (index: number) => (report: DocumentReport) => {
    documents[index] = report
    onDocument?.(report)
  }
  if (threads <= 1) {
    for (const index of todo) finish(index)(await buildOne(jobs[index]!).catch(crashed(jobs[index]!)))
  } else {
    const pool = await (early ?? startPool(threads, options.formats))
    // An interrupt stops the workers before it removes partial outputs (src/write.ts).
    const unregister = stopOnInterrupt(() => pool.destroy())
    try {
      await Promise.all(todo.map((index) => pool.run(jobs[index]).catch(crashed(jobs[index]!)).then(finish(index) as (report: unknown) => void)))
    } finally {
      unregister()
      await pool.destroy()
    }
  }
  return { documents, summary: summarize(documents, performance.now() - started) }
}
