/**
 * The contract between parse and the renderers: mdast itself plus typed metadata, the outline
 * and the vetted assets. Renderers read only this; nothing after parse reads the Markdown again.
 */
import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import type { Asset } from './parse/assets.js'

/** Metadata of one document, from its frontmatter (pandoc's keys plus offprint's own). */
export interface Metadata {
  /** The document's title; never empty (falls back to the first h1, then the file name). */
  title: string
  subtitle?: string
  /** One entry per author, in the order given. */
  authors: string[]
  /** As written in the frontmatter (`2020-05-11`), shown to readers verbatim. */
  date?: string
  /** BCP 47 language tag; `en` when the document does not say. */
  lang: string
  publisher?: string
  rights?: string
  description?: string
  keywords: string[]
  /** The identifier the document states; otherwise one is derived from its content. */
  identifier?: string
  /** Original publication: a name or a URL. */
  source?: string
  /** Credits for images, e.g. "© WikiMedia (Fathi Nizam)". */
  credits: string[]
  /** A table of contents in the PDF: always (`true`), never (`false`), or as the theme's `toc_min_sections` decides (absent). */
  toc?: boolean
  /** Deepest heading level the PDF's table of contents lists (1–6); the theme's `toc_depth` when absent. */
  tocDepth?: number
  /** The abstract (`abstract`, read as Markdown), printed in the title block of both outputs: its paragraphs as plain text. */
  abstract?: string[]
  /** The label over the abstract (`abstract-title`, pandoc's name); "Abstract" when absent. */
  abstractTitle?: string
  /** The cover image as written (`cover-image`, pandoc's name): its vetted file is `Document.assets` under this URL; the EPUB's cover. */
  coverImage?: string
  /** The PDF's page size (`papersize`, pandoc's name), one of the theme's `page_size` values; the theme's when absent. */
  paperSize?: string
  /** Number the sections (`number-sections`, pandoc's name): 1, 1.1, 1.1.1 before each heading. */
  numberSections?: boolean
  /** Smart punctuation (curly quotes, dashes, ellipses), pandoc's `smart`: on unless `false`. */
  smart?: boolean
}

/** One heading of the document, with the stable id both outputs link to. */
export interface OutlineEntry {
  depth: 1 | 2 | 3 | 4 | 5 | 6
  /** Plain text of the heading. */
  text: string
  /** Slug unique within the document (GitHub's rules), used as PDF destination and XHTML id. */
  id: string
  children: OutlineEntry[]
}

/** A parsed document: what both renderers receive. */
export interface Document {
  /** The source file; renderers report problems on it so they carry `file:line:col`. */
  file: VFile
  meta: Metadata
  /** The mdast tree; headings carry their id in `data.hProperties.id`. */
  tree: Root
  /** Top-level headings with their subheadings nested by depth. */
  outline: OutlineEntry[]
  /** Deterministic build time: frontmatter date, SOURCE_DATE_EPOCH, or a fixed epoch. */
  buildDate: Date
  /** Stable identifier derived from the content when the frontmatter gives none (`urn:sha256:…`). */
  contentId: string
  /** Ids that `#fragment` links may target (heading ids). */
  anchors: Set<string>
  /** Vetted images by URL as written; an image missing here is shown by its alt text. */
  assets: Map<string, Asset>
}
