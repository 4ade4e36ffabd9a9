/**
 * EPUB Accessibility 1.1 metadata (schema.org properties in the OPF), claiming only what is true of
 * this document: text alternatives only when every image has one, page navigation only with a page-list.
 */
import type { Definition } from 'mdast'
import type { Document } from '../document.js'
import { walkBlocks, walkTree } from '../walk-tree.js'

/** One `<meta property="…">value</meta>` of the package document. */
export interface AccessibilityEntry {
  property: string
  value: string
}

/** What the accessibility claims depend on. */
export interface AccessibilityFacts {
  /** Images in the body and how many of them have alt text. */
  images: number
  imagesWithAlt: number
  /** An image that can animate (an animated PNG) is present: flashing cannot be ruled out. */
  mayAnimate: boolean
  /** Pages in the page-list (0: none). */
  pages: number
}

/** Whether the asset is an APNG: a PNG with an animation control chunk (`acTL`) before its image data. */
function isAnimatedPng(asset: { type?: string; data?: Buffer } | undefined): boolean {
  if (asset?.type !== 'png' || !asset.data) return false
  const image = asset.data.indexOf('IDAT')
  const control = asset.data.indexOf('acTL')
  return control !== -1 && (image === -1 || control < image)
}

/** Count the document's images (the vetted ones both outputs show) and their alt texts. */
export function accessibilityFacts(document: Document, pages: number): AccessibilityFacts {
  const definitions = new Map<string, Definition>()
  walkBlocks(document.tree, (node) => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node)
  })
  let images = 0
  let imagesWithAlt = 0
  let mayAnimate = false
  walkTree(document.tree, (node) => {
    if (node.type !== 'image' && node.type !== 'imageReference') return
    const url = node.type === 'image' ? node.url : definitions.get(node.identifier)?.url ?? ''
    // A refused image (missing, outside the content, unsupported) is replaced by its alt text: no image.
    if (!document.assets.has(url)) return
    images++
    if (node.alt && node.alt.trim()) imagesWithAlt++
    // Only PNG and JPEG ship (a GIF becomes its first frame): an animated PNG is the one that can move.
    if (isAnimatedPng(document.assets.get(url))) mayAnimate = true
  })
  return { images, imagesWithAlt, mayAnimate, pages }
}

/** The conformance claimed when the claims below all hold. */
export const CONFORMS_TO = 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA'

/** The schema.org accessibility metadata for a document with these facts, in a fixed order. */
export function accessibilityMetadata(facts: AccessibilityFacts): AccessibilityEntry[] {
  const allAlt = facts.images === facts.imagesWithAlt
  const entries: AccessibilityEntry[] = []
  const add = (property: string, value: string) => entries.push({ property: `schema:${property}`, value })
  add('accessMode', 'textual')
  if (facts.images > 0) add('accessMode', 'visual')
  if (allAlt) add('accessModeSufficient', 'textual')
  if (facts.images > 0) add('accessModeSufficient', 'textual,visual')
  // The title and every heading are h1–h6, the nav lists them, the spine is the source order.
  for (const feature of ['structuralNavigation', 'tableOfContents', 'readingOrder', 'displayTransformability']) add('accessibilityFeature', feature)
  if (facts.images > 0 && allAlt) add('accessibilityFeature', 'alternativeText')
  if (facts.pages > 0) for (const feature of ['printPageNumbers', 'pageBreakMarkers', 'pageNavigation']) add('accessibilityFeature', feature)
  if (facts.mayAnimate) add('accessibilityHazard', 'unknown')
  else add('accessibilityHazard', 'none')
  add('accessibilitySummary', summary(facts, allAlt))
  if (allAlt && !facts.mayAnimate) entries.push({ property: 'dcterms:conformsTo', value: CONFORMS_TO })
  return entries
}

function summary(facts: AccessibilityFacts, allAlt: boolean): string {
  const parts = ['A reflowable EPUB 3 with a navigable table of contents, headings that mark its structure and one reading order that follows the source']
  if (facts.images > 0) parts.push(allAlt ? `every image (${facts.images}) has a text alternative` : `${facts.images - facts.imagesWithAlt} of ${facts.images} images have no text alternative`)
  if (facts.pages > 0) parts.push(`page-break markers and a page list give the ${facts.pages === 1 ? 'page' : `${facts.pages} pages`} of the PDF edition`)
  return `${parts.join('; ')}.`
}
