import type { FootnoteDefinition } from 'mdast'
import { resolveTextStyle } from '../../theme/resolve-style.js'
import { fontName } from '../fonts.js'
import { addSpace, ensureSpace } from '../layout/keep.js'
import { baselineOffset } from '../layout/text.js'
import { contentWidth, withContent, withStructure, type PdfState } from '../state.js'

/** Footnote definitions are collected by parse and drawn as section notes by `drawFootnotes`. */
export function footnoteDefinition(): void {}

/**
 * Draw the footnotes referenced since the last call (`footnote_*` style), numbered in order of
 * first reference across the document: called before each top-level heading and at the end, so
 * notes close the section that cites them.
 */
export function drawFootnotes(state: PdfState): void {
  const start = state.footnotesDrawn ?? 0
  if (state.footnoteOrder.length <= start) return
  const { doc } = state
  const style = resolveTextStyle(state.theme, 'footnote')
  ensureSpace(state, style.fontSize * 6)
  addSpace(state, style.spaceAfter * 2)
  const x = doc.page.margins.left + state.indent
  doc.save().markContent('Artifact', { type: 'Layout' })
  doc.moveTo(x, doc.y).lineTo(x + contentWidth(state) * 0.3, doc.y).lineWidth(0.5).stroke(String(state.theme.values.rule_color))
  doc.endMarkedContent().restore()
  addSpace(state, style.spaceAfter)
  const previous = state.textCategory
  state.textCategory = 'footnote'
  try {
    // Footnotes may reference further footnotes; the order grows while we draw.
    for (let index = start; index < state.footnoteOrder.length; index++) {
      state.footnotesDrawn = index + 1
      const id = state.footnoteOrder[index]!
      const definition: FootnoteDefinition | undefined = state.footnotes.get(id)
      if (!definition) continue
      ensureSpace(state, style.fontSize * style.lineHeight * 2)
      doc.addNamedDestination(`fn-${id}`, 'XYZ', x, doc.page.height - doc.y, null)
      withStructure(state, 'Note', () => {
        const top = doc.y
        withContent(state, 'Lbl', () => {
          const baseline = baselineOffset(state, style)
          doc.font(fontName(state.theme, style)).fontSize(style.fontSize).fillColor(style.color)
          doc.text(`${index + 1}.`, x, top, { lineBreak: false, baseline: -baseline } as PDFKit.Mixins.TextOptions)
        })
        doc.y = top
        state.indent += style.fontSize * 2
        try {
          state.all(definition)
        } finally {
          state.indent -= style.fontSize * 2
        }
      })
    }
  } finally {
    state.textCategory = previous
  }
}
