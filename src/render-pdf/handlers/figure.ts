import type { Paragraph } from 'mdast'
import { loneImage, splitCaption } from '../../figure-caption.js'
import { resolveTextStyle } from '../../theme/resolve-style.js'
import { finishRuns } from '../inline/runs.js'
import { addSpace, ensureSpace, spaceLeft } from '../layout/keep.js'
import { drawRuns, measureRuns } from '../layout/text.js'
import { contentWidth, withContent, withStructure, type PdfState } from '../state.js'

/**
 * Smallest share of its size a picture is set at to stay on the page it comes to, rather than
 * leave the rest of that page empty and start the next (a portrait photo after a few paragraphs
 * left three quarters of a page blank).
 */
const LEAST_SHRINK = 0.6

/** The factor that fits a picture of `height` into `room`: 1 when it fits, down to LEAST_SHRINK, else 1 (it goes to the next page). */
function shrunkToFit(height: number, room: number): number {
  if (height <= room) return 1
  // A hair under the room: the picture and its caption are then checked against the page again.
  const factor = (room - 0.5) / height
  return factor >= LEAST_SHRINK ? factor : 1
}

/** Whether a paragraph is drawn as a figure: it holds only an image. */
export function isFigure(_state: PdfState, node: Paragraph): boolean {
  return loneImage(node) !== undefined
}

/**
 * Draw a figure: the vetted image scaled to the text width (never taller than the page, never
 * split; down to LEAST_SHRINK of that to stay on a page it overflows), tagged Figure with its alt text (in a Div), then its caption (`caption_*`) and credit (`credit_*`).
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
      const fitted = Math.min(width / asset.width, maxHeight / asset.height, 1.5)
      // The caption and credit stay on the picture's page.
      const below = captionRuns.length || creditRuns.length ? captionStyle.spaceBefore + measureRuns(state, captionRuns, captionStyle) + measureRuns(state, creditRuns, creditStyle) : 0
      const scale = shrunkToFit(fitted * asset.height, spaceLeft(state) - below) * fitted
      const w = asset.width * scale
      const h = asset.height * scale
      ensureSpace(state, h + below)
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
