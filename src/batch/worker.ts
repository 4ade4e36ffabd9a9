/** The worker-thread entry of the batch pool: builds one document per task. */
import { Tinypool } from 'tinypool'
import type { Format } from '../pipeline.js'
import { buildOne, type BuildJob } from './build-one.js'
import type { DocumentReport } from './report.js'

/** What the pool tells each worker when it starts (tinypool's `workerData`). */
export interface WorkerWarmUp {
  formats: Format[]
}

/**
 * Load the pipeline and the writers the batch needs as soon as the thread starts (tinypool loads
 * this file then), so that it overlaps the main thread's work instead of delaying the first
 * document. A failure here is left to the first document, which reports it.
 */
async function warmUp({ formats }: WorkerWarmUp): Promise<void> {
  await import('../pipeline.js')
  if (formats.includes('pdf')) await import('../render-pdf/index.js')
  if (formats.includes('epub')) await import('../render-epub/index.js')
}

const warm = Tinypool.workerData as WorkerWarmUp | undefined
if (warm) warmUp(warm).catch(() => undefined)

/** Build the job's document (tinypool calls the default export once per task). */
export default function work(job: BuildJob): Promise<DocumentReport> {
  return buildOne(job)
}
