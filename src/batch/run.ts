/**
 * A batch: look every document up in the cache, build the rest on a pool of worker threads (one
 * per core, never more than documents), report each result as it comes, in any order, and
 * return the reports in input order.
 */
import { stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { DEFAULT_MAX_MEMORY_MB } from '../limits.js'
import { fromRoot } from '../package-root.js'
import type { Format } from '../pipeline.js'
import type { PdfStandard } from '../render-pdf/standard.js'
import type { Theme } from '../theme/load-theme.js'
import { buildOne, cachedReport, type BuildJob } from './build-one.js'
import { runKey } from './cache.js'
import { summarize, type BatchSummary, type DocumentReport, type MessageReport } from './report.js'
import { stopOnInterrupt } from '../write.js'
import type { WorkerWarmUp } from './worker.js'

/**
 * A document whose build threw (a bug, the file system, or a worker stopped at its memory limit):
 * a failed report, never a lost batch.
 */
function crashed(job: BuildJob, maxMemoryMb: number): (error: unknown) => DocumentReport {
  return (error) => {
    const outOfMemory = (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
    const message: MessageReport = outOfMemory
      ? { line: 1, column: 1, severity: 'error', ruleId: 'memory-limit', reason: `needs more than ${maxMemoryMb} MB of memory to build, the limit of --max-memory; split the document into smaller files, or raise the limit` }
      : { severity: 'error', ruleId: 'build-failed', reason: `could not build: ${error instanceof Error ? error.message : String(error)}` }
    return { input: job.input, ok: false, cached: false, outputs: {}, pages: 0, warnings: 0, errors: 1, milliseconds: 0, messages: [message] }
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
  /** Worker threads. Default: available cores. */
  jobs?: number
  /**
   * Cap on the JavaScript heap of each document's build, in MB (default `DEFAULT_MAX_MEMORY_MB`):
   * every document then builds in a worker thread, which is stopped when it reaches the cap (the
   * document fails with `memory-limit`, the batch goes on) and which an interrupt can stop at once.
   * 0: no cap, and with one job the documents build in this thread.
   */
  maxMemoryMb?: number
  /** Largest Markdown file built, in bytes (default `DEFAULT_MAX_INPUT_BYTES`); larger ones fail at once. */
  maxInputBytes?: number
  /** Workers to use and keep running after the batch (the caller closes them); default: a pool for this batch only. */
  workers?: WorkerPool
}

/**
 * Below this size a lone document builds in this thread: a worker costs ~70 ms of CPU and 17 MB
 * to start (a fifth of a cold EPUB build), while a document this small uses a few tens of MB and
 * lays out in a second or two (an interrupt waits for that at most).
 */
const IN_THREAD_BYTES = 128 * 1024

/** Whether `inputs` is one document small enough to build in this thread. */
async function smallAndAlone(inputs: string[]): Promise<boolean> {
  if (inputs.length !== 1) return false
  // A file that cannot be read fails the same way in either thread.
  const size = await stat(inputs[0]!).then((info) => info.size, () => 0)
  return size < IN_THREAD_BYTES
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

/** A pool of `threads` workers, each with a heap of at most `maxMemoryMb` MB, that start loading what `formats` need at once. */
async function startPool(threads: number, formats: Format[], maxMemoryMb: number): Promise<import('tinypool').Tinypool> {
  // Loaded only when documents build in workers.
  const { Tinypool } = await import('tinypool')
  const resourceLimits = maxMemoryMb > 0 ? { maxOldGenerationSizeMb: maxMemoryMb } : undefined
  return new Tinypool({ filename: WORKER, minThreads: threads, maxThreads: threads, resourceLimits, workerData: { formats } satisfies WorkerWarmUp })
}

/**
 * Worker threads kept from one batch to the next (`--watch` rebuilds): a rebuild finds the code
 * loaded and the fonts parsed, as a build in this thread did before documents moved to workers.
 * A batch that needs more threads, other formats or another heap cap gets a new pool.
 */
export class WorkerPool {
  private pool?: Promise<import('tinypool').Tinypool>
  private shape = { threads: 0, key: '' }

  /** A pool of at least `threads` workers for `formats` with heaps of `maxMemoryMb` (the one already starting, if it fits). */
  get(threads: number, formats: Format[], maxMemoryMb: number): Promise<import('tinypool').Tinypool> {
    const key = `${formats.join(',')} ${maxMemoryMb}`
    if (this.pool && this.shape.key === key && this.shape.threads >= threads) return this.pool
    // Set before anything is awaited: a second call meanwhile finds this pool, not a new one.
    const stopped = this.close()
    this.shape = { threads, key }
    this.pool = stopped.then(() => startPool(threads, formats, maxMemoryMb))
    return this.pool
  }

  /** Stop the workers (a build still running is cut short). */
  async close(): Promise<void> {
    const pool = this.pool
    this.pool = undefined
    if (pool) await (await pool).destroy()
  }
}

/** Build `inputs`; `onDocument` hears about each document as soon as it is done. */
export async function runBatch(inputs: string[], options: BatchOptions, onDocument?: (report: DocumentReport) => void): Promise<BatchResult> {
  const started = performance.now()
  const maxMemoryMb = options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB
  const key = options.noCache || options.allowRemote ? undefined : runKey(options.theme, options.formats, options.strict ?? false, options.pdfStandard)
  const jobs: BuildJob[] = inputs.map((input) => ({ input, outDir: options.outDir, formats: options.formats, theme: options.theme, strict: options.strict ?? false, pdfStandard: options.pdfStandard, allowRemote: options.allowRemote, maxInputBytes: options.maxInputBytes, runKey: key }))
  const documents: DocumentReport[] = new Array(inputs.length)
  const todo: number[] = []
  const threadsFor = (count: number) => Math.min(options.jobs ?? availableParallelism(), count)
  // A memory cap needs a worker, even for a single document: only a worker's heap can be capped
  // (and only a worker can be stopped in the middle of a long synchronous layout).
  const alone = await smallAndAlone(inputs)
  const inWorkers = (count: number) => count > 0 && (threadsFor(count) > 1 || (maxMemoryMb > 0 && !alone))
  // When every document will be built (--force, no cache), the workers start (and load the
  // writers) while the cache is skipped; otherwise only once it is known that some must be built.
  const workers = options.workers ?? new WorkerPool()
  if ((options.force || !key) && inWorkers(inputs.length)) void workers.get(threadsFor(inputs.length), options.formats, maxMemoryMb).catch(() => undefined)
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
  const finish = (index: number) => (report: DocumentReport) => {
    documents[index] = report
    onDocument?.(report)
  }
  const failed = (index: number) => crashed(jobs[index]!, maxMemoryMb)
  if (!inWorkers(todo.length)) {
    for (const index of todo) finish(index)(await buildOne(jobs[index]!).catch(failed(index)))
  } else {
    const pool = await workers.get(threadsFor(todo.length), options.formats, maxMemoryMb)
    // An interrupt stops the workers before it removes partial outputs (src/write.ts); the
    // documents it cuts short are not reported as failed (the interrupt message says why).
    let interrupted = false
    const unregister = stopOnInterrupt(() => {
      interrupted = true
      return workers.close()
    })
    const report = (index: number) => (result: unknown) => {
      if (!interrupted) finish(index)(result as DocumentReport)
    }
    try {
      await Promise.all(todo.map((index) => pool.run(jobs[index]).catch(failed(index)).then(report(index))))
    } finally {
      unregister()
      if (!options.workers) await workers.close()
    }
  }
  return { documents, summary: summarize(documents, performance.now() - started) }
}
