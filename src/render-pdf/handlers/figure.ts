import type { Paragraph } from 'mdast'
import { loneImage, splitCaption } from '../../figure-caption.js'
import { resolveTextStyle } from '../../theme/resolve-style.js'
import { finishRuns } from '../inline/runs.js'
import { addSpace, ensureSpace } from '../layout/keep.js'
import { drawRuns, measureRuns } from '../layout/text.js'
import { contentWidth, withContent, withStructure, type PdfState } from '../state.js'

/** Whether a paragraph is drawn as a figure: it holds only an image. */
export function isFigure(_state: PdfState, node: Paragraph): boolean {
  return loneImage(node) !== undefined
}

/**
 * Draw a figure: the vetted image scaled to the text width (never taller than the page, never
 * split), tagged Figure with its alt text (in a Div), then its caption (`caption_*`) and credit (`credit_*`).
 * An image that did not pass vetting is replaced by its alt text.
 */
export function figure(state: PdfState, node: Paragraph): void {
  const image = loneImage(node)!
  const definition = image.type === 'imageReference' ? state.definitions.get(image.identifier) : undefined
  const url = image.type === 'image' ? image.url : definition?.url
  const title = image.type === 'image' ? image.title : definition?.title
  const alt = image.alt ?? ''
  const asset = url === undefined ? undefined : state.document.assets.get(url)
  const { doc } = state
  const captionStyle = resolveTextStyle(state.theme, 'caption')
  const creditStyle = resolveTextStyle(state.theme, 'credit')
  // Without the picture, the alt text stands in for it and is not repeated as a caption.
  const { caption, credit } = asset || title ? splitCaption(title, alt) : { caption: '', credit: undefined }
  const face = (style: typeof captionStyle) => ({ text: '', family: style.family, bold: style.bold, italic: style.italic })
  const captionRuns = caption ? finishRuns(state, [{ ...face(captionStyle), text: caption }]) : []
  const creditRuns = credit ? finishRuns(state, [{ ...face(creditStyle), text: credit }]) : []
  const figureStyle = resolveTextStyle(state.theme, 'figure')
  addSpace(state, figureStyle.spaceBefore)
  // A Div holds the Figure (whose Alt a screen reader reads instead of its content) and its Caption.
  withStructure(state, 'Div', () => {
    if (asset) {
      const width = contentWidth(state)
      const maxHeight = doc.page.height - doc.page.margins.top - doc.page.margins.bottom - measureRuns(state, captionRuns, captionStyle) - 2 * captionStyle.fontSize
      const scale = Math.min(width / asset.width, maxHeight / asset.height, 1.5)
      const w = asset.width * scale
      const h = asset.height * scale
      ensureSpace(state, h + (captionRuns.length ? captionStyle.fontSize * 2 : 0))
      const x = doc.page.margins.left + state.indent + (width - w) / 2
      const y = doc.y
      // Figure with Alt: the alt text is what a screen reader reads for the picture.
      const element = doc.struct('Figure', { alt: alt || caption } as never, [() => doc.image(asset.data, x, y, { width: w, height: h })])
      state.struct.add(element)
      element.end()
      doc.y = y + h + captionStyle.spaceBefore
    } else {
      const altRuns = finishRuns(state, [{ ...face(resolveTextStyle(state.theme, 'base')), italic: true, text: alt ? `[${alt}]` : '[image]' }])
      withContent(state, 'P', () => drawRuns(state, altRuns, resolveTextStyle(state.theme, 'base'), captionStyle.color))
    }
    if (captionRuns.length) withContent(state, 'Caption', () => drawRuns(state, captionRuns, captionStyle, captionStyle.color))
    if (creditRuns.length) withContent(state, 'P', () => drawRuns(state, creditRuns, creditStyle, creditStyle.color))
  })
  addSpace(state, figureStyle.spaceAfter)
}
