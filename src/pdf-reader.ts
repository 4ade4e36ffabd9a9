/** Opening PDFs with pdf.js (its Node build), for commands that read outputs back. */
import { readFile } from 'node:fs/promises'
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs'

/** An open pdf.js document. */
export type PdfJsDocument = Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>

/** Open a PDF file with pdf.js: no eval, no system fonts, no console noise. */
export async function openPdf(file: string): Promise<PdfJsDocument> {
  const data = new Uint8Array(await readFile(file))
  return pdfjs.getDocument({ data, isEvalSupported: false, useSystemFonts: false, verbosity: pdfjs.VerbosityLevel.ERRORS }).promise
}
