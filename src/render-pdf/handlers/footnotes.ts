import type { FootnoteDefinition } from 'mdast'
import { resolveTextStyle } from '../../theme/resolve-style.js'
import { fontName } from '../fonts.js'
import { addSpace, ensureSpace } from '../layout/keep.js'
import { contentWidth, withContent, withStructure, type PdfState } from '../state.js'

/** Footnote definitions are collected by parse and drawn as end notes by `drawFootnotes`. */
export function footnoteDefinition(): void {}

/** Draw the referenced footnotes, numbered in order of first reference, at the end of the document. */
export function drawFootnotes(state: PdfState): void {
  if (state.footnoteOrder.length === 0) return
  const { doc } = state
  const style = resolveTextStyle(state.theme, 'base')
  ensureSpace(state, style.fontSize * 6)
  addSpace(state, style.spaceAfter * 2)
  const x = doc.page.margins.left
  doc.save().markContent('Artifact', { type: 'Layout' })
  doc.moveTo(x, doc.y).lineTo(x + contentWidth(state) * 0.3, doc.y).lineWidth(0.5).stroke(String(state.theme.values.rule_color))
  doc.endMarkedContent().restore()
  addSpace(state, style.spaceAfter)
  // Footnotes may reference further footnotes; the order grows while we draw.
  for (let index = 0; index < state.footnoteOrder.length; index++) {
    const id = state.footnoteOrder[index]!
    const definition: FootnoteDefinition | undefined = state.footnotes.get(id)
    if (!definition) continue
    doc.addNamedDestination(`fn-${id}`, 'XYZ', x, doc.page.height - doc.y, null)
    withStructure(state, 'Note', () => {
      const top = doc.y
      withContent(state, 'Lbl', () => {
        doc.font(fontName(state.theme, style)).fontSize(style.fontSize * 0.85).fillColor(style.color)
        doc.text(`${index + 1}.`, x, top, { lineBreak: false })
      })
      doc.y = top
      state.indent += 18
      try {
        state.all(definition)
      } finally {
        state.indent -= 18
      }
    })
  }
}
