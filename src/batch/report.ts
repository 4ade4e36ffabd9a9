/** What a batch reports per document and in total, on the terminal and as `--report FILE.json`. */
import type { VFileMessage } from 'vfile-message'
import { writeAtomic } from '../write.js'
import type { Format } from '../pipeline.js'

/** A message as plain data (it crosses worker threads and goes into the JSON report). */
export interface MessageReport {
  line?: number
  column?: number
  severity: 'error' | 'warning'
  reason: string
  ruleId?: string
}

/** The outcome of one document in a batch. */
export interface DocumentReport {
  input: string
  ok: boolean
  /** True when the cache showed the document unchanged and nothing was rebuilt. */
  cached: boolean
  outputs: Partial<Record<Format, string>>
  /** Pages of the PDF (0 when no PDF was written). */
  pages: number
  warnings: number
  errors: number
  /** Time spent on this document, in milliseconds (0 when cached). */
  milliseconds: number
  messages: MessageReport[]
}

/** Totals of a batch: what the end-of-run summary prints. */
export interface BatchSummary {
  documents: number
  built: number
  cached: number
  failed: number
  pages: number
  warnings: number
  errors: number
  milliseconds: number
}

/** Plain-data copies of vfile messages. */
export function messageReports(messages: VFileMessage[]): MessageReport[] {
  return messages.map((message) => ({
    line: message.line ?? undefined,
    column: message.column ?? undefined,
    severity: message.fatal ? 'error' : 'warning',
    reason: message.reason,
    ruleId: message.ruleId ?? undefined,
  }))
}

/** Add up the documents of a batch. */
export function summarize(documents: DocumentReport[], milliseconds: number): BatchSummary {
  const sum = (pick: (document: DocumentReport) => number) => documents.reduce((total, document) => total + pick(document), 0)
  return {
    documents: documents.length,
    built: documents.filter((document) => document.ok && !document.cached).length,
    cached: documents.filter((document) => document.cached).length,
    failed: documents.filter((document) => !document.ok).length,
    pages: sum((document) => document.pages),
    warnings: sum((document) => document.warnings),
    errors: sum((document) => document.errors),
    milliseconds: Math.round(milliseconds),
  }
}

/** One line for the end of a run: documents, pages, warnings, errors, time. */
export function summaryLine(summary: BatchSummary): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
  const parts = [`${summary.built} built`, `${summary.cached} unchanged`, `${summary.failed} failed`]
  return `${plural(summary.documents, 'document')} (${parts.join(', ')}), ${plural(summary.pages, 'page')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.errors, 'error')} in ${(summary.milliseconds / 1000).toFixed(2)} s`
}

/** Write the JSON report: the summary and every document, in input order. */
export async function writeReport(file: string, summary: BatchSummary, documents: DocumentReport[]): Promise<void> {
  await writeAtomic(file, Buffer.from(`${JSON.stringify({ offprint: 1, summary, documents }, null, 2)}\n`))
}
