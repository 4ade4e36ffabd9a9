import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildFile, loadTheme } from '../src/index.js'
import { readEpub, type EpubView } from './helpers/epub.js'
import { compactText, normalizeText, readPdf, type PdfView } from './helpers/pdf.js'
import { tempDir } from './helpers/build.js'
import { epubcheck, hasTool, pdffonts, pdftotext, qpdfCheck } from './helpers/tools.js'

// A copy of ../shared/seed/article.txt, the user's article as delivered (the repo must test on its own).
const SEED = path.resolve('test/fixtures/seed/article.txt')
const INPUT = path.resolve('content/amnesty-syria-report.md')
const seedLines = readFileSync(SEED, 'utf8').split('\n')
const title = seedLines[0]!.trim()
const credit = seedLines[1]!.trim()
const paragraphs = seedLines.slice(3).map((line) => line.trim()).filter(Boolean)

describe('the seed article', () => {
  let pdfFile: string
  let epubFile: string
  let pdf: PdfView
  let epub: EpubView

  beforeAll(async () => {
    const outDir = tempDir()
    const result = await buildFile(INPUT, { outDir, formats: ['pdf', 'epub'], theme: loadTheme() })
    expect(result.messages.map(String)).toEqual([])
    expect(result.ok).toBe(true)
    pdfFile = result.outputs.pdf!
    epubFile = result.outputs.epub!
    pdf = await readPdf(pdfFile)
    epub = await readEpub(epubFile)
  })

  it('carries the seed article word for word in content/', () => {
    const markdown = readFileSync(INPUT, 'utf8')
    expect(paragraphs).toHaveLength(4)
    for (const paragraph of paragraphs) expect(markdown).toContain(paragraph)
    // The scraped repetition of the title is not a paragraph.
    expect(markdown.split(title).length - 1).toBe(1)
  })

  it('keeps the title, the credit and every paragraph in the PDF', () => {
    expect(pdf.info.Title).toBe(title)
    const text = compactText(pdf.text)
    expect(text).toContain(compactText(title))
    expect(normalizeText(pdf.text)).toContain(credit)
    for (const paragraph of paragraphs) expect(text).toContain(compactText(paragraph))
  })

  it('reads back every paragraph word for word with poppler, words hyphenated at a line end joined again', () => {
    if (!hasTool('pdftotext')) return
    const text = normalizeText(pdftotext(pdfFile))
    // The justified paragraphs are hyphenated (work-ers, Coun-cil in this layout): poppler joins them.
    for (const paragraph of paragraphs) expect(text).toContain(normalizeText(paragraph))
  })

  it('sets the title in a larger size than the body', () => {
    const first = pdf.pages[0]!
    const titleItem = first.find((item) => item.text.startsWith('Amnesty report finds'))!
    // Body text is drawn a line (or a run of one face) at a time.
    const bodyItem = first.find((item) => item.text.startsWith('A report published'))!
    expect(titleItem.fontSize).toBeGreaterThan(bodyItem.fontSize * 1.5)
  })

  it('gives the PDF its language, metadata and an outline rooted at the title', () => {
    expect(pdf.info.Language).toBe('en')
    expect(pdf.xmp).toContain(`<rdf:li xml:lang="x-default">${title}</rdf:li>`)
    expect(pdf.xmp).toMatch(/<dc:language>\s*<rdf:Bag>\s*<rdf:li>en<\/rdf:li>/)
    expect(pdf.outline).toEqual([{ title, items: [] }])
    expect(pdf.structureRoles.slice(0, 2)).toEqual(['Root', 'Document'])
    // The title is the one H1 (the article has no headings of its own); the attribution lines and every paragraph are Ps.
    expect(pdf.structureRoles.filter((role) => /^H\d$/.test(role))).toEqual(['H1'])
    expect(pdf.structureRoles.filter((role) => role === 'P').length).toBeGreaterThanOrEqual(paragraphs.length + 1)
  })

  it('keeps the title, the credit and every paragraph in the EPUB', () => {
    expect(epub.metadata['dc:title']).toEqual([title])
    expect(epub.metadata['dc:language']).toEqual(['en'])
    expect(epub.metadata['dc:contributor']).toEqual([credit])
    const [body] = epub.documents
    expect(body!.text.startsWith(`${title} Image: ${credit}`)).toBe(true)
    for (const paragraph of paragraphs) expect(body!.text).toContain(normalizeText(paragraph))
    expect(epub.nav).toEqual([{ text: title, href: 'text.xhtml', children: [] }])
  })

  it('states no author, date, source or rights the text does not state', () => {
    expect(epub.metadata['dc:creator']).toBeUndefined()
    expect(epub.metadata['dc:date']).toBeUndefined()
    // The one dc:source names the PDF edition the page-list follows (refined as source-of pagination).
    expect(epub.metadata['dc:source']).toEqual(epub.metadata['dc:identifier'])
    expect(epub.opf).toMatch(/<meta refines="#page-source" property="source-of">pagination<\/meta>/)
    expect(epub.metadata['dc:rights']).toBeUndefined()
    expect(epub.opf).not.toMatch(/All rights reserved|Copyright ©|anonymous/i)
    expect(pdf.info.Author).toBeUndefined()
  })

  it('derives a stable identifier from the content, and the NCX carries the same one', () => {
    const [identifier] = epub.metadata['dc:identifier']!
    expect(identifier).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(epub.ncx).toContain(`<meta name="dtb:uid" content="${identifier}"`)
    expect(pdf.xmp).toContain(`<dc:identifier>${identifier}</dc:identifier>`)
  })

  it('passes epubcheck with no errors and no warnings', () => {
    if (!hasTool('epubcheck')) return
    const verdict = epubcheck(epubFile)
    expect(verdict.report).not.toMatch(/^(ERROR|WARNING|FATAL)/m)
    expect(verdict.errors + verdict.warnings + verdict.fatals).toBe(0)
  })

  it('passes qpdf --check and embeds every font', () => {
    if (!hasTool('qpdf') || !hasTool('pdffonts')) return
    expect(qpdfCheck(pdfFile).ok).toBe(true)
    const fonts = pdffonts(pdfFile)
    expect(fonts.length).toBeGreaterThan(0)
    expect(fonts.filter((font) => !font.embedded)).toEqual([])
  })
})
