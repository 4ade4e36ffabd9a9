/**
 * Progress of a batch: a bar redrawn in place on a terminal, one plain line per document
 * otherwise (logs, CI), nothing with `-q`. Problems are printed above the bar as they come.
 */
import { formatMessage } from '../messages.js'
import type { DocumentReport } from './report.js'

/** A stream, and whether it is a terminal (and how wide). */
export type Output = { write(text: string): unknown; isTTY?: boolean; columns?: number }

/** How progress is shown. */
export type ProgressMode = 'bar' | 'lines' | 'quiet'

/** The tracker a batch calls once per document and once at the end. */
export interface Progress {
  document(report: DocumentReport): void
  /** Clear the bar so the summary prints on a clean line. */
  done(): void
}

/** Choose the mode: quiet when asked, a bar when errors go to a terminal, lines otherwise. */
export function progressMode(quiet: boolean | undefined, err: Output): ProgressMode {
  if (quiet) return 'quiet'
  return err.isTTY ? 'bar' : 'lines'
}

/** Track `total` documents: messages go to `err`, per-document lines to `out`, the bar to `err`. */
export function createProgress(mode: ProgressMode, total: number, out: Output, err: Output): Progress {
  let count = 0
  const clear = () => mode === 'bar' && err.write('\r\x1b[K')
  const draw = (name: string) => {
    const width = 24
    const filled = Math.round((count / Math.max(total, 1)) * width)
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count}/${total} ${name}`
    err.write(`\r\x1b[K${line.slice(0, (err.columns ?? 80) - 1)}`)
  }
  return {
    document(report) {
      count++
      clear()
      for (const message of report.messages) err.write(`${formatMessage({ ...message, fatal: message.severity === 'error' }, report.input)}\n`)
      if (mode === 'lines') {
        const written = Object.values(report.outputs).join(', ')
        out.write(!report.ok ? `failed ${report.input}\n` : report.cached ? `unchanged ${report.input}\n` : `built ${report.input} → ${written}\n`)
      }
      if (mode === 'bar') draw(report.input)
    },
    done: () => {
      clear()
    },
  }
}
