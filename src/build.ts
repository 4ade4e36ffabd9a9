/** Build many documents: find the Markdown inputs, then build them as one batch (cached, in parallel). */
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { runBatch, type BatchResult } from './batch/run.js'
import type { DocumentReport } from './batch/report.js'
import type { Format } from './pipeline.js'
import type { PdfStandard } from './render-pdf/standard.js'
import { loadTheme, type Theme } from './theme/load-theme.js'

/** Every Markdown file named, or inside a folder named (`*.md`, sorted, not recursing into dot folders). */
export async function findInputs(paths: string[]): Promise<string[]> {
  const found: string[] = []
  for (const input of paths) {
    const info = await stat(input)
    if (info.isDirectory()) {
      const entries = await readdir(input, { withFileTypes: true, recursive: true })
      for (const entry of entries) {
        const full = path.join(entry.parentPath, entry.name)
        if (entry.isFile() && entry.name.endsWith('.md') && !path.relative(input, full).split(path.sep).some((part) => part.startsWith('.'))) found.push(full)
      }
    } else {
      found.push(input)
    }
  }
  return [...new Set(found)].sort()
}

/** Options of `build`, the library's batch entry point; every field has the CLI's default. */
export interface BatchBuildOptions {
  /** Output folder (default `output`). */
  outDir?: string
  /** Formats to write (default both). */
  formats?: Format[]
  /** A loaded theme, or the folder of one (default: the built-in theme). */
  theme?: Theme | string
  /** Fail documents that have warnings. */
  strict?: boolean
  /** Archival standard of the PDF; default: the theme's `pdf_standard`. */
  pdfStandard?: PdfStandard
  /** Rebuild unchanged documents too. */
  force?: boolean
  /** Use the cache in `<outDir>/.offprint-cache` (default true). */
  cache?: boolean
  /** Worker threads (default: one per core). */
  jobs?: number
  /** Heap cap of each document's build in MB (default 2048; a document needing more fails); 0: no cap, and `jobs: 1` builds in this thread. */
  maxMemoryMb?: number
  /** Largest Markdown file built, in bytes (default 8 MiB). */
  maxInputBytes?: number
  /** Called as each document finishes, in completion order. */
  onDocument?: (report: DocumentReport) => void
}

/** Build Markdown files, or every `*.md` in folders: reports in input order and a summary. */
export async function build(paths: string | string[], options: BatchBuildOptions = {}): Promise<BatchResult> {
  const inputs = await findInputs(typeof paths === 'string' ? [paths] : paths)
  const theme = typeof options.theme === 'object' ? options.theme : loadTheme(options.theme)
  const { outDir = 'output', formats = ['pdf', 'epub'], strict, pdfStandard, force, cache = true, jobs, maxMemoryMb, maxInputBytes } = options
  return runBatch(inputs, { outDir, formats, theme, strict, pdfStandard, force, noCache: !cache, jobs, maxMemoryMb, maxInputBytes }, options.onDocument)
}
