/** Fonts: register the theme's font files with pdfkit under `family_style` names. */
import type { Theme } from '../theme/load-theme.js'

/** The face of one run of text. */
export interface FontFace {
  family: string
  bold: boolean
  italic: boolean
}

/** Register every font file of the theme once per document (pdfkit subsets what is used). */
export function registerFonts(doc: PDFKit.PDFDocument, theme: Theme): void {
  for (const [name, file] of Object.entries(theme.fonts)) doc.registerFont(name, file)
}

/** The registered font for a face; falls back to the family's regular face when a style is missing. */
export function fontName(theme: Theme, face: FontFace): string {
  const style = face.bold && face.italic ? 'bold_italic' : face.bold ? 'bold' : face.italic ? 'italic' : 'regular'
  const name = `${face.family}_${style}`
  return theme.fonts[name] ? name : `${face.family}_regular`
}
