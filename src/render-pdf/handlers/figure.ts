import type { Paragraph } from 'mdast'
import { loneImage, splitCaption } from '../../figure-caption.js'
import { resolveTextStyle, type TextStyle } from '../../theme/resolve-style.js'
import { finishRuns, type Run } from '../inline/runs.js'
import { addSpace, atPageTop, ensureSpace, spaceLeft } from '../layout/keep.js'
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

/** What a figure draws: its picture (when it passed vetting), caption and credit, each as runs in its style. */
interface FigureParts {
  asset: ReturnType<PdfState['document']['assets']['get']>
  alt: string
  caption: string
  captionRuns: Run[]
  creditRuns: Run[]
  captionStyle: TextStyle
  creditStyle: TextStyle
}

function figureParts(state: PdfState, node: Paragraph): FigureParts {
  const image = loneImage(node)!
  const definition = image.type === 'imageReference' ? state.definitions.get(image.identifier) : undefined
  const url = image.type === 'image' ? image.url : definition?.url
  const title = image.type === 'image' ? image.title : definition?.title
  const alt = image.alt ?? ''
  const asset = url === undefined ? undefined : state.document.assets.get(url)
  const captionStyle = resolveTextStyle(state.theme, 'caption')
  const creditStyle = resolveTextStyle(state.theme, 'credit')
  // Without the picture, the alt text stands in for it and is not repeated as a caption.
  const { caption, credit } = asset || title ? splitCaption(title, alt) : { caption: '', credit: undefined }
  const face = (style: TextStyle) => ({ text: '', family: style.family, bold: style.bold, italic: style.italic })
  const captionRuns = caption ? finishRuns(state, [{ ...face(captionStyle), text: caption }]) : []
  const creditRuns = credit ? finishRuns(state, [{ ...face(creditStyle), text: credit }]) : []
  return { asset, alt, caption, captionRuns, creditRuns, captionStyle, creditStyle }
}

/** The picture's size where the cursor stands, and the height its caption and credit take below it. */
function pictureBox(state: PdfState, parts: FigureParts, asset: NonNullable<FigureParts['asset']>): { width: number; height: number; below: number } {
  const { doc } = state
  const { captionRuns, creditRuns, captionStyle, creditStyle } = parts
  const width = contentWidth(state)
  const maxHeight = doc.page.height - doc.page.margins.top - doc.page.margins.bottom - measureRuns(state, captionRuns, captionStyle) - 2 * captionStyle.fontSize
  const fitted = Math.min(width / asset.width, maxHeight / asset.height, 1.5)
  // The caption and credit stay on the picture's page.
  const below = captionRuns.length || creditRuns.length ? captionStyle.spaceBefore + measureRuns(state, captionRuns, captionStyle) + measureRuns(state, creditRuns, creditStyle) : 0
  const scale = shrunkToFit(fitted * asset.height, spaceLeft(state) - below) * fitted
  return { width: asset.width * scale, height: asset.height * scale, below }
}

/**
 * Whether the figure `node` would start the next page, leaving the rest of this one empty: its
 * picture does not fit below the cursor even at LEAST_SHRINK of its size.
 */
export function figureMovesOn(state: PdfState, node: Paragraph): boolean {
  // At a page's top a figure is set here, whatever its size: nothing to measure.
  if (atPageTop(state)) return false
  const parts = figureParts(state, node)
  if (!parts.asset) return false
  const { doc } = state
  // As `figure` will: the space before it first (the cursor is restored after measuring).
  const y = doc.y
  addSpace(state, resolveTextStyle(state.theme, 'figure').spaceBefore)
  const box = pictureBox(state, parts, parts.asset)
  const moves = box.height + box.below > spaceLeft(state)
  doc.y = y
  return moves
}

/**
 * Draw a figure: the vetted image scaled to the text width (never taller than the page, never
 * split; down to LEAST_SHRINK of that to stay on a page it overflows), tagged Figure with its alt
 * text (in a Div), then its caption (`caption_*`) and credit (`credit_*`). An image that did not
 * pass vetting is replaced by its alt text.
 */
export function figure(state: PdfState, node: Paragraph): void {
  const parts = figureParts(state, node)
  const { asset, alt, caption, captionRuns, creditRuns, captionStyle, creditStyle } = parts
  const { doc } = state
  const figureStyle = resolveTextStyle(state.theme, 'figure')
  addSpace(state, figureStyle.spaceBefore)
  // A Div holds the Figure (whose Alt a screen reader reads instead of its content) and its Caption.
  withStructure(state, 'Div', () => {
    if (asset) {
      const { width: w, height: h, below } = pictureBox(state, parts, asset)
      ensureSpace(state, h + below)
      const x = doc.page.margins.left + state.indent + (contentWidth(state) - w) / 2
      const y = doc.y
      // Figure with Alt: the alt text is what a screen reader reads for the picture.
      const element = doc.struct('Figure', { alt: alt || caption } as never, [() => doc.image(asset.data, x, y, { width: w, height: h })])
      state.struct.add(element)
      element.end()
      doc.y = y + h + captionStyle.spaceBefore
    } else {
      const base = resolveTextStyle(state.theme, 'base')
      const altRuns = finishRuns(state, [{ family: base.family, bold: base.bold, italic: true, text: alt ? `[${alt}]` : '[image]' }])
      withContent(state, 'P', () => drawRuns(state, altRuns, base, captionStyle.color))
    }
    if (captionRuns.length) withContent(state, 'Caption', () => drawRuns(state, captionRuns, captionStyle, captionStyle.color))
    if (creditRuns.length) withContent(state, 'P', () => drawRuns(state, creditRuns, creditStyle, creditStyle.color))
  })
  addSpace(state, figureStyle.spaceAfter)
}
