/** The archival standard a PDF is written to: PDF/A-3a by default, with PDF/UA-1 identification. */

/** A PDF standard offprint can write; `none` writes a plain (still tagged) PDF 1.7. */
export type PdfStandard = 'none' | 'pdfa-3a' | 'pdfa-3b' | 'pdfa-2b'

/** Every accepted `--pdf-standard` / `pdf_standard` value, default first. */
export const PDF_STANDARDS: readonly PdfStandard[] = ['pdfa-3a', 'pdfa-3b', 'pdfa-2b', 'none']

/** The standard used when neither the command line nor the theme names one. */
export const DEFAULT_PDF_STANDARD: PdfStandard = 'pdfa-3a'

/** Whether `value` names a standard offprint can write. */
export function isPdfStandard(value: unknown): value is PdfStandard {
  return typeof value === 'string' && (PDF_STANDARDS as readonly string[]).includes(value)
}

/** pdfkit's `subset` option for a standard (pdfkit writes the pdfaid XMP and the sRGB output intent). */
export function pdfkitSubset(standard: PdfStandard): PDFKit.Mixins.PDFSubsets | undefined {
  if (standard === 'none') return undefined
  return `PDF/A-${standard.slice('pdfa-'.length)}` as PDFKit.Mixins.PDFSubsets
}

/** Whether the standard is one of the PDF/A family (needs XMP extension schemas for non-standard properties). */
export function isPdfA(standard: PdfStandard): boolean {
  return standard !== 'none'
}

/**
 * Whether the Markdown source may be embedded: PDF/A-2 allows only PDF/A files as attachments, so a
 * PDF/A-2 copy cannot carry its source; PDF/A-3 and plain PDF can.
 */
export function canEmbedSource(standard: PdfStandard): boolean {
  return standard !== 'pdfa-2b'
}
