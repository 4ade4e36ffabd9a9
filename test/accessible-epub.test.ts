import { beforeAll, describe, expect, it } from 'vitest'
import { buildMarkdown } from './helpers/build.js'
import { readEpub, xhtmlText, type EpubView } from './helpers/epub.js'
import { normalizeText, readPdf, type PdfView } from './helpers/pdf.js'
import { epubcheck, hasTool } from './helpers/tools.js'

// Distinct words everywhere, so a page's first words can be found in the EPUB without ambiguity.
let counter = 0
const words = (count: number) => Array.from({ length: count }, () => `w${(counter++).toString(36)}`).join(' ')
const LONG = [
  '---',
  'title: Pages Everywhere',
  'lang: en-GB',
  '---',
  '',
  ...Array.from({ length: 6 }, (_, section) => [
    `## Section ${section + 1}`,
    '',
    ...Array.from({ length: 5 }, () => `${words(70)}\n`),
    `- ${words(12)}`,
    `- ${words(12)}`,
    '',
    `> ${words(40)}`,
    '',
  ]).flat(),
].join('\n')

/** The first words a reader sees on a PDF page (the footer's page number is an artifact, last on the page). */
function firstWords(pdf: PdfView, page: number, count: number): string[] {
  return normalizeText(pdf.pages[page - 1]!.map((item) => item.text).join(' ')).split(' ').filter((word) => /^w[0-9a-z]+$/.test(word)).slice(0, count)
}

describe('the EPUB is accessible and has the PDF’s pages', () => {
  let pdf: PdfView
  let epub: EpubView
  let epubFile: string

  beforeAll(async () => {
    const build = await buildMarkdown(LONG)
    expect(build.ok).toBe(true)
    pdf = await readPdf(build.pdf)
    epub = await readEpub(build.epub)
    epubFile = build.epub
  })

  it('marks where every PDF page begins, at that page’s first words', () => {
    expect(pdf.pages.length).toBeGreaterThanOrEqual(4)
    const xhtml = epub.documents[0]!.xhtml
    const markers = [...xhtml.matchAll(/<span id="page-(\d+)" epub:type="pagebreak" role="doc-pagebreak" aria-label="\d+"\s*\/?>(<\/span>)?/g)]
    expect(markers.map((match) => Number(match[1]))).toEqual(pdf.pages.map((_, index) => index + 1))
    for (let page = 2; page <= pdf.pages.length; page++) {
      const marker = markers[page - 1]!
      // The rest of the document after the marker: a page may begin inside a heading, so the slice
      // is not well-formed XML; its words are what matter.
      const after = xhtml.slice(marker.index! + marker[0].length).replace(/<[^>]*>/g, ' ')
      const expected = firstWords(pdf, page, 3)
      expect(expected.length, `page ${page} has text`).toBe(3)
      // The marker lands at the page's first word, or (a page beginning mid-word) the next one.
      const following = after.split(/\s+/).filter((word) => /^w[0-9a-z]+$/.test(word)).slice(0, 4)
      expect([following.slice(0, 3), following.slice(1, 4)], `page ${page}`).toContainEqual(expected)
    }
  })

  it('links every page from a page-list nav and names the pagination source', () => {
    expect(epub.navXhtml).toContain('epub:type="page-list"')
    const links = [...epub.navXhtml.matchAll(/<a href="text\.xhtml#page-(\d+)">(\d+)<\/a>/g)].map((match) => [match[1], match[2]])
    expect(links).toEqual(pdf.pages.map((_, index) => [String(index + 1), String(index + 1)]))
    expect(epub.opf).toMatch(/<dc:source id="page-source">urn:uuid:[^<]+<\/dc:source>\s*<meta refines="#page-source" property="source-of">pagination<\/meta>/)
  })

  it('declares EPUB Accessibility 1.1 metadata that is true of a text-only document', () => {
    expect(epub.metadata['schema:accessMode']).toEqual(['textual'])
    expect(epub.metadata['schema:accessModeSufficient']).toEqual(['textual'])
    expect(epub.metadata['schema:accessibilityFeature']).toEqual(['structuralNavigation', 'tableOfContents', 'readingOrder', 'displayTransformability', 'printPageNumbers', 'pageBreakMarkers', 'pageNavigation'])
    expect(epub.metadata['schema:accessibilityFeature']).not.toContain('alternativeText')
    expect(epub.metadata['schema:accessibilityHazard']).toEqual(['none'])
    expect(epub.metadata['schema:accessibilitySummary']![0]).toContain(`${pdf.pages.length} pages of the PDF edition`)
    expect(epub.metadata['dcterms:conformsTo']).toEqual(['EPUB Accessibility 1.1 - WCAG 2.1 Level AA'])
  })

  it('has landmarks and a language on every XHTML document', () => {
    expect(epub.navXhtml).toMatch(/<nav epub:type="landmarks"[^>]*>[\s\S]*epub:type="toc"[\s\S]*epub:type="bodymatter"/)
    for (const xhtml of [epub.navXhtml, ...epub.documents.map((document) => document.xhtml)]) expect(xhtml).toMatch(/<html [^>]*xml:lang="en-GB" lang="en-GB"/)
    expect(epub.opf).toMatch(/<package [^>]*xml:lang="en-GB"/)
  })

  it('passes epubcheck with no errors and no warnings', () => {
    if (!hasTool('epubcheck')) return
    const verdict = epubcheck(epubFile)
    expect(verdict.report).not.toMatch(/^(ERROR|WARNING|FATAL)/m)
  })
})

describe('page markers inside tables and code', () => {
  it('mark the row or line a PDF page begins with', async () => {
    const rows = Array.from({ length: 90 }, (_, index) => `| r${index} | value ${index} |`).join('\n')
    const code = Array.from({ length: 80 }, (_, index) => `    line${index} of code`).join('\n')
    const build = await buildMarkdown(`---\ntitle: Rows\n---\n\n| Key | Value |\n| --- | --- |\n${rows}\n\n${code}\n`)
    const pdf = await readPdf(build.pdf)
    const xhtml = (await readEpub(build.epub)).documents[0]!.xhtml
    expect(pdf.pages.length).toBeGreaterThanOrEqual(3)
    for (let page = 2; page <= pdf.pages.length; page++) {
      const first = pdf.pages[page - 1]!.map((item) => item.text.trim().split(' ')[0]!).find((text) => /^(r|line)\d+$/.test(text))
      const at = xhtml.indexOf(`id="page-${page}"`)
      expect(at, `page ${page}`).toBeGreaterThan(0)
      const after = xhtmlText(`<body>${xhtml.slice(xhtml.indexOf('>', at) + 1)}`)
      expect(after.split(' ')[0], `page ${page}`).toBe(first)
    }
  })
})

describe('page markers of the contents pages', () => {
  it('stand in page order before the first section, and epubcheck finds the page-list in reading order', async () => {
    // Sixty headings: the contents fill page 1's rest and more pages, which begin in no block of the body.
    const sections = Array.from({ length: 60 }, (_, index) => `## Section ${index + 1}\n\n${words(30)}\n`)
    const build = await buildMarkdown(`---\ntitle: Many Sections\n---\n\n${sections.join('\n')}`)
    const pdf = await readPdf(build.pdf)
    const xhtml = (await readEpub(build.epub)).documents[0]!.xhtml
    const first = pdf.pages.findIndex((items) => items.some((item) => item.text === 'Section 1' && item.fontSize > 12)) + 1
    expect(first).toBeGreaterThan(2)
    const at = (page: number) => xhtml.indexOf(`id="page-${page}"`)
    for (let page = 2; page <= pdf.pages.length; page++) expect(at(page), `page ${page}`).toBeGreaterThan(at(page - 1))
    // The contents pages and the page the body begins on are marked at the start of its first heading.
    const markers = Array.from({ length: first - 1 }, (_, index) => `<span id="page-${index + 2}"[^>]*/>`).join('')
    expect(xhtml).toMatch(new RegExp(`<h2 id="section-1">${markers}Section 1</h2>`))
    if (hasTool('epubcheck')) expect(epubcheck(build.epub).report).not.toMatch(/^(ERROR|WARNING|FATAL)/m)
  })
})

describe('accessibility claims follow the images', () => {
  it('claims alternative text only when every image has one', async () => {
    const { accessibilityFacts, accessibilityMetadata } = await import('../src/render-epub/accessibility.js')
    const { parse } = await import('../src/index.js')
    const { VFile } = await import('vfile')
    // The images count as shown only when parse vetted them; stand-in assets mark them so here.
    const claims = (markdown: string, shown = ['red.png', 'blue.png', 'spin.gif'], assets: Record<string, object> = {}) => {
      const document = parse(new VFile({ path: 'x.md', value: markdown }))
      for (const url of shown) document.assets.set(url, (assets[url] ?? {}) as never)
      return accessibilityMetadata(accessibilityFacts(document, 2))
    }
    const values = (entries: { property: string; value: string }[], property: string) => entries.filter((entry) => entry.property === property).map((entry) => entry.value)
    const described = claims('---\ntitle: T\n---\n\n![A red square](red.png)\n')
    expect(values(described, 'schema:accessMode')).toEqual(['textual', 'visual'])
    expect(values(described, 'schema:accessModeSufficient')).toEqual(['textual', 'textual,visual'])
    expect(values(described, 'schema:accessibilityFeature')).toContain('alternativeText')
    expect(values(described, 'dcterms:conformsTo')).toHaveLength(1)
    const bare = claims('---\ntitle: T\n---\n\n![](red.png) ![Described](blue.png)\n')
    expect(values(bare, 'schema:accessModeSufficient')).toEqual(['textual,visual'])
    expect(values(bare, 'schema:accessibilityFeature')).not.toContain('alternativeText')
    expect(values(bare, 'dcterms:conformsTo')).toEqual([])
    expect(values(bare, 'schema:accessibilitySummary')[0]).toContain('1 of 2 images have no text alternative')
    // A GIF ships as its first frame, a still PNG; an animated PNG (acTL before IDAT) can flash.
    const still = { type: 'png', data: Buffer.from('\x89PNG\r\n\x1a\nIHDR....IDAT....IEND') }
    const moving = { type: 'png', data: Buffer.from('\x89PNG\r\n\x1a\nIHDR....acTL....IDAT....IEND') }
    expect(values(claims('---\ntitle: T\n---\n\n![Moving](spin.gif)\n', ['spin.gif'], { 'spin.gif': still }), 'schema:accessibilityHazard')).toEqual(['none'])
    expect(values(claims('---\ntitle: T\n---\n\n![Moving](spin.png)\n', ['spin.png'], { 'spin.png': moving }), 'schema:accessibilityHazard')).toEqual(['unknown'])
    // A refused image is replaced by its alt text: the book has no image.
    const refused = claims('---\ntitle: T\n---\n\n![](red.png)\n', [])
    expect(values(refused, 'schema:accessMode')).toEqual(['textual'])
    expect(values(refused, 'dcterms:conformsTo')).toHaveLength(1)
  })
})
