/** One document through the pipeline: read → parse → render PDF and EPUB → write atomically. */
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { Document } from './document.js'
import { DEFAULT_MAX_INPUT_BYTES } from './limits.js'
import { describeError, fail } from './messages.js'
import { parse } from './parse/index.js'
import { decodeSource } from './parse/source-text.js'
import type { PdfStandard } from './render-pdf/standard.js'
import type { Theme } from './theme/load-theme.js'
import { writeAtomic } from './write.js'

/** An output format offprint writes. */
export type Format = 'pdf' | 'epub'

/** What one build of one document needs to know. */
export interface BuildOptions {
  /** Folder the outputs are written to. */
  outDir: string
  formats: Format[]
  theme: Theme
  /** Fail the document on warnings too (for pipelines that must not publish a degraded copy). */
  strict?: boolean
  /** Archival standard of the PDF (`--pdf-standard`); default: the theme's `pdf_standard`. */
  pdfStandard?: PdfStandard
  /** Folder images may be read from (the content root); the Markdown file's folder when not given. */
  root?: string
  /** Fetch public http(s) images (`--allow-remote`); off by default: a build touches no network. */
  allowRemote?: boolean
  /** Largest Markdown file built, in bytes (`--max-input-size`; default `DEFAULT_MAX_INPUT_BYTES`). */
  maxInputBytes?: number
  /** The file's bytes when the caller has read them already (a batch hashes them for its cache): built as given, not read again. */
  source?: Buffer
}

/** What became of one document. */
export interface BuildResult {
  input: string
  /** Written output files, by format. */
  outputs: Partial<Record<Format, string>>
  /** Pages of the PDF written (0 when none was). */
  pages: number
  messages: VFileMessage[]
  ok: boolean
}

/**
 * Render the requested formats. The PDF is laid out only when it is asked for; an EPUB built with
 * it gets its page-list and page-break markers from the PDF's page starts, an EPUB built alone has
 * none (there is no print edition to point to) and never loads pdfkit or reads a font file.
 */
async function renderFormats(document: Document, options: BuildOptions): Promise<{ files: (readonly [Format, Buffer])[]; pages: number }> {
  // Each writer is loaded only when its format is asked for.
  const pdf = options.formats.includes('pdf') ? await (await import('./render-pdf/index.js')).layoutPdf(document, { theme: options.theme, pdfStandard: options.pdfStandard }) : undefined
  const render = async (format: Format) => (format === 'pdf' ? pdf!.bytes : (await import('./render-epub/index.js')).renderEpub(document, { theme: options.theme, pages: pdf?.pages }))
  const files = await Promise.all(options.formats.map(async (format) => [format, await render(format)] as const))
  return { files, pages: pdf?.pages.length ?? 0 }
}

/** Read a Markdown file into a VFile (the unit every message is reported against), as UTF-8. */
export async function readSource(input: string): Promise<VFile> {
  const file = new VFile({ path: input })
  file.value = decodeSource(file, await readFile(input))
  return file
}

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

/** Fail `file` (at 1:1) when `size` is more than `limit` bytes. */
function checkSize(file: VFile, size: number, limit: number): void {
  if (size > limit) fail(file, `the file is ${mebibytes(size)}, more than the ${mebibytes(limit)} offprint builds (--max-input-size); split it into smaller files, or raise the limit`, { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, 'input-too-large')
}

/** Build one Markdown file into every requested format; never throws for author mistakes. */
export async function buildFile(input: string, options: BuildOptions): Promise<BuildResult> {
  const file = new VFile({ path: input })
  const outputs: BuildResult['outputs'] = {}
  try {
    // A file too large is refused before it is read.
    checkSize(file, options.source?.length ?? (await stat(input)).size, options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES)
    file.value = decodeSource(file, options.source ?? (await readFile(input)))
    // The guarded fetch module is loaded only when the user opted in to the network.
    const remote = options.allowRemote ? await (await import('./net/remote-images.js')).fetchRemoteImages(String(file.value)) : undefined
    const document = parse(file, { root: options.root, remote })
    // Render everything first, then write: a failure leaves earlier good outputs untouched.
    const { files: rendered, pages } = await renderFormats(document, options)
    const warnings = file.messages.length
    if (options.strict && warnings > 0) fail(file, `--strict: ${warnings} warning(s) make this a failed build; fix them, or build without --strict to accept the degraded output`, undefined, 'strict')
    const stem = path.basename(input, path.extname(input))
    for (const [format, bytes] of rendered) {
      const output = path.join(options.outDir, `${stem}.${format}`)
      await writeAtomic(output, bytes)
      outputs[format] = output
    }
    return { input, outputs, pages, messages: file.messages, ok: true }
  } catch (error) {
    if (!file.messages.some((message) => message.fatal)) {
      const message = file.message(`could not build: ${describeError(error)}`, { ruleId: 'build-failed', source: 'offprint' })
      message.fatal = true
    }
    return { input, outputs, pages: 0, messages: file.messages, ok: false }
  }
}
