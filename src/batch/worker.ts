/** The worker-thread entry of the batch pool: builds one document per task. */
import { buildOne, type BuildJob } from './build-one.js'
import type { DocumentReport } from './report.js'

/** Build the job's document (tinypool calls the default export once per task). */
export default function work(job: BuildJob): Promise<DocumentReport> {
  return buildOne(job)
}
