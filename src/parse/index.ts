/** parse: Markdown file → `Document` (metadata, mdast, outline). */
import { createHash } from 'node:crypto'
import path from 'node:path'
import type { Heading, Yaml } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import type { Document, Metadata } from '../document.js'
import { fail, warn } from '../messages.js'
import { loadAssets, loadCover, type RemoteImages } from './assets.js'
import { liftTableCaptions } from './table-captions.js'
import { readHeadingAttributes } from './heading-attributes.js'
import { liftScripts } from './scripts.js'
import { liftFigures } from './figures.js'
import { readFrontmatter, type Frontmatter } from './frontmatter.js'
import { checkLinks, collectAnchors } from './links.js'
import { parseMarkdown } from './markdown.js'
import { checkDelimiterRuns, limitContainerMarkers, limitTreeDepth, MAX_NESTING } from './nesting.js'
import { numberSections } from './number-sections.js'
import { assignHeadingIds, buildOutline, headingText } from './outline.js'
import { checkRawHtml } from './raw-html.js'
import { punctuationStyle, smartenPunctuation, smartenText, type PunctuationStyle } from './smart-punctuation.js'

/** Options of `parse`. */
export interface ParseOptions {
  /** Folder images may be read from; the Markdown file's folder when not given. */
  root?: string
  /** Remote images fetched beforehand (`--allow-remote`); without them remote images are refused. */
  remote?: RemoteImages
}

/** Parse one Markdown file into the `Document` both renderers read. */
export function parse(file: VFile, options: ParseOptions = {}): Document {
  const source = String(file.value)
  checkDelimiterRuns(file, source)
  const tree = limitTreeDepth(file, parseSafely(file, limitContainerMarkers(file, source)))
  liftScripts(tree, source)
  liftFigures(tree)
  const yaml = tree.children.find((node): node is Yaml => node.type === 'yaml')
  const { meta: front, places } = readFrontmatter(file, yaml)
  readHeadingAttributes(tree)
  assignHeadingIds(tree)
  // Smart punctuation unless `smart: false`, with the quotation marks of the document's language.
  const quotes = front.smart === false ? undefined : punctuationStyle(front.lang)
  if (quotes) smartenDocument(tree, front, quotes)
  if (front.numberSections) numberSections(tree)
  const outline = buildOutline(tree)
  const abstract = front.abstract === undefined ? undefined : abstractParagraphs(front.abstract, quotes)
  const meta: Metadata = {
    ...front,
    abstract,
    // pandoc's `abstract` is the document's description too, unless it states one.
    description: front.description ?? abstract?.join(' '),
    title: resolveTitle(file, front.title, tree.children),
    lang: front.lang ?? 'en',
  }
  const anchors = collectAnchors(tree)
  checkLinks(file, tree, anchors)
  checkRawHtml(file, tree)
  const root = path.resolve(options.root ?? path.dirname(file.path || '.'))
  const assets = loadAssets(file, tree, root, options.remote)
  if (meta.coverImage) {
    const cover = loadCover(file, meta.coverImage, root, places.get('cover-image'))
    if (cover) assets.set(meta.coverImage, cover)
    else delete meta.coverImage
  }
  liftTableCaptions(tree)
  return { file, meta, tree, outline, buildDate: resolveBuildDate(meta.date), contentId: contentId(source), anchors, assets }
}

/** Smart punctuation in the text and in the frontmatter's title and subtitle (pandoc reads those as Markdown too). */
function smartenDocument(tree: Document['tree'], front: Frontmatter, quotes: PunctuationStyle): void {
  smartenPunctuation(tree, quotes)
  if (front.title) front.title = smartenText(front.title, quotes)
  if (front.subtitle) front.subtitle = smartenText(front.subtitle, quotes)
}

/**
 * The abstract's paragraphs as plain text: pandoc reads it as Markdown, so its emphasis and links
 * are taken as their text (no stray asterisks), and its punctuation is set as the body's.
 */
function abstractParagraphs(markdown: string, quotes: PunctuationStyle | undefined): string[] | undefined {
  const tree = parseMarkdown(markdown)
  if (quotes) smartenPunctuation(tree, quotes)
  const paragraphs = tree.children.map((block) => toString(block, { includeHtml: false }).replace(/[ \t\n\r]+/g, ' ').trim()).filter((text) => text.length > 0)
  return paragraphs.length > 0 ? paragraphs : undefined
}

/** Parse, turning the parser's stack overflow on pathological inline nesting into a message. */
function parseSafely(file: VFile, source: string): Document['tree'] {
  try {
    return parseMarkdown(source)
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    return fail(file, `the Markdown nests too deeply to parse (${error.message}): keep emphasis, links and brackets under ${MAX_NESTING} levels deep`, undefined, 'nesting-too-deep')
  }
}

/** Title from frontmatter, else the first h1, else the file name, with a warning for each fallback. */
function resolveTitle(file: VFile, title: string | undefined, blocks: Document['tree']['children']): string {
  if (title) return title
  const h1 = blocks.find((node): node is Heading => node.type === 'heading' && node.depth === 1)
  if (h1 && headingText(h1)) {
    warn(file, 'no `title` in frontmatter: using the first heading; add `title:` to the frontmatter', h1, 'missing-title')
    return headingText(h1)
  }
  const stem = path.basename(file.path || 'untitled', path.extname(file.path || ''))
  warn(file, `no \`title\` in frontmatter and no level-1 heading: using the file name "${stem}"`, undefined, 'missing-title')
  return stem
}

/** A fixed moment for reproducible outputs: the document's date, SOURCE_DATE_EPOCH, or 1980-01-01 (the zip epoch). */
export function resolveBuildDate(date: string | undefined, env: NodeJS.ProcessEnv = process.env): Date {
  const stated = date ? Date.parse(date) : Number.NaN
  if (!Number.isNaN(stated)) return new Date(stated)
  const epoch = Number(env.SOURCE_DATE_EPOCH)
  if (env.SOURCE_DATE_EPOCH && Number.isFinite(epoch)) return new Date(epoch * 1000)
  return new Date(Date.UTC(1980, 0, 1))
}

/** A name-based UUID (RFC 4122 layout, version 8) from the SHA-256 of the source text. */
function contentId(source: string): string {
  const hex = createHash('sha256').update(source).digest('hex')
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
