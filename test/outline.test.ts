import { readFileSync } from 'node:fs'
import { VFile } from 'vfile'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from '../src/index.js'
import { buildMarkdown } from './helpers/build.js'
import { readEpub, type EpubView, type NavItem } from './helpers/epub.js'
import { normalizeText, readPdf, type OutlineItem, type PdfView } from './helpers/pdf.js'
import { epubcheck, hasTool } from './helpers/tools.js'

const markdown = readFileSync(new URL('./fixtures/sections/input.md', import.meta.url), 'utf8')

/** The heading tree of the fixture, as both outputs must show it under the title. */
const tree = {
  title: 'Sections & Subsections',
  items: [
    { title: 'Part One', items: [{ title: 'Chapter A', items: [{ title: 'Section A.1', items: [] }, { title: 'Section A.2', items: [] }] }, { title: 'Chapter B', items: [] }] },
    { title: 'Part Two', items: [] },
  ],
}

const navAsOutline = (items: NavItem[]): OutlineItem[] => items.map((item) => ({ title: item.text, items: navAsOutline(item.children) }))

describe('a document with h1–h3 sections', () => {
  let pdf: PdfView
  let epub: EpubView
  let epubFile: string

  beforeAll(async () => {
    const built = await buildMarkdown(markdown)
    expect(built.ok).toBe(true)
    epubFile = built.epub
    pdf = await readPdf(built.pdf)
    epub = await readEpub(built.epub)
  })

  it('has a PDF outline equal to the heading tree, rooted at the title', () => {
    expect(pdf.outline).toEqual([tree])
  })

  it('has an EPUB nav equal to the heading tree, linking to each heading', () => {
    expect(navAsOutline(epub.nav)).toEqual([tree])
    const hrefs = epub.nav[0]!.children.flatMap(function all(item): string[] { return [item.href, ...item.children.flatMap(all)] })
    expect(hrefs).toEqual(['text.xhtml#part-one', 'text.xhtml#chapter-a', 'text.xhtml#section-a1', 'text.xhtml#section-a2', 'text.xhtml#chapter-b', 'text.xhtml#part-two'])
    for (const href of hrefs) expect(epub.documents[0]!.xhtml).toContain(`id="${href.split('#')[1]}"`)
  })

  it('tags the title and the headings by level in the PDF and defines a destination for each', () => {
    // The title first, an H1 as in the EPUB (its <h1 class="title">).
    expect(pdf.structureRoles.filter((role) => /^H\d$/.test(role))).toEqual(['H1', 'H1', 'H2', 'H3', 'H3', 'H2', 'H1'])
    expect(pdf.destinations).toEqual(expect.arrayContaining(['part-one', 'chapter-a', 'section-a1', 'section-a2', 'chapter-b', 'part-two']))
  })

  it('sets headings larger than body text, larger by level', () => {
    const size = (text: string) => pdf.pages.flat().find((item) => item.text === text)!.fontSize
    expect(size('Part One')).toBeGreaterThan(size('Chapter A'))
    expect(size('Chapter A')).toBeGreaterThan(size('Section A.1'))
    expect(size('Section A.1')).toBeGreaterThan(size('Text of section A.1.'))
  })

  it('writes every metadata field in both outputs, escaped', () => {
    expect(pdf.info.Title).toBe('Sections & Subsections')
    expect(pdf.info.Author).toBe('Ada Lovelace; Charles Babbage')
    expect(pdf.info.Subject).toBe('A fixture with headings at three levels.')
    expect(pdf.info.Keywords).toBe('outline, nav')
    expect(pdf.info.Language).toBe('en-GB')
    expect(pdf.xmp).toContain('Sections &amp; Subsections')
    // PDF/A: dc:creator holds one entry, equal to the Info Author.
    expect(pdf.xmp).toMatch(/<dc:creator>\s*<rdf:Seq>\s*<rdf:li>Ada Lovelace; Charles Babbage<\/rdf:li>\s*<\/rdf:Seq>/)
    expect(pdf.xmp).toContain('<dc:source>https://example.org/original</dc:source>')
    expect(pdf.xmp).toMatch(/<dc:rights>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">CC BY 4.0<\/rdf:li>/)
    expect(epub.metadata['dc:creator']).toEqual(['Ada Lovelace', 'Charles Babbage'])
    expect(epub.metadata['dc:date']).toEqual(['2021-03-04'])
    expect(epub.metadata['dc:language']).toEqual(['en-GB'])
    expect(epub.metadata['dc:publisher']).toEqual(['Analytical Press'])
    expect(epub.metadata['dc:rights']).toEqual(['CC BY 4.0'])
    // The original publication, then the PDF edition the page-list follows.
    expect(epub.metadata['dc:source']).toEqual(['https://example.org/original', epub.metadata['dc:identifier']![0]])
    expect(epub.metadata['dc:subject']).toEqual(['outline', 'nav'])
    expect(epub.metadata['dcterms:modified']).toEqual(['2021-03-04T00:00:00Z'])
  })

  it('prints the attribution under the title in both outputs, the source’s address a link', () => {
    const lines = ['By Ada Lovelace and Charles Babbage', 'Source: https://example.org/original', '2021-03-04', 'CC BY 4.0']
    for (const line of lines) {
      expect(normalizeText(pdf.text)).toContain(line)
      expect(epub.documents[0]!.text).toContain(line)
    }
    expect(pdf.links).toContain('https://example.org/original')
    expect(pdf.linkElements).toContainEqual({ text: 'https://example.org/original', annotations: 1 })
    expect(epub.documents[0]!.xhtml).toContain('<p class="attribution source">Source: <a href="https://example.org/original">https://example.org/original</a></p>')
  })

  it('passes epubcheck', () => {
    if (!hasTool('epubcheck')) return
    const verdict = epubcheck(epubFile)
    expect(verdict.report).not.toMatch(/^(ERROR|WARNING|FATAL)/m)
  })
})

describe('number-sections', () => {
  it('numbers every heading from the shallowest level used, in the headings, the PDF outline and the EPUB nav; ids and links stay', async () => {
    const numbered = markdown.replace(/^---\n/, '---\nnumber-sections: true\n')
    const built = await buildMarkdown(`${numbered}\n[Back to Chapter B](#chapter-b)\n`)
    expect(built.messages).toEqual([])
    const numberedTree = {
      title: 'Sections & Subsections',
      items: [
        { title: '1 Part One', items: [{ title: '1.1 Chapter A', items: [{ title: '1.1.1 Section A.1', items: [] }, { title: '1.1.2 Section A.2', items: [] }] }, { title: '1.2 Chapter B', items: [] }] },
        { title: '2 Part Two', items: [] },
      ],
    }
    const pdf = await readPdf(built.pdf)
    // pdf.js reads the en space after the number as a space.
    const spaced = (items: OutlineItem[]): OutlineItem[] => items.map((item) => ({ title: item.title.replace(/\u2002/g, ' '), items: spaced(item.items) }))
    expect(spaced(pdf.outline)).toEqual([numberedTree])
    expect(pdf.text.replace(/\u2002/g, ' ')).toContain('1.1.2 Section A.2')
    const epub = await readEpub(built.epub)
    expect(spaced(navAsOutline(epub.nav))).toEqual([numberedTree])
    const xhtml = epub.documents.map((document) => document.xhtml).join('\n')
    expect(xhtml).toContain('<h2 id="chapter-b">1.2\u2002Chapter B</h2>')
    expect(xhtml).toContain('href="#chapter-b"')
    if (hasTool('epubcheck')) expect(epubcheck(built.epub)).toMatchObject({ errors: 0, warnings: 0, fatals: 0 })
  })
})

describe('number-sections without a top level', () => {
  it('starts at the shallowest level the document uses, a skipped level counting 0', () => {
    const document = parse(new VFile({ path: 'x.md', value: '---\ntitle: T\nnumber-sections: true\n---\n\n## A\n\n#### A deep\n\n> # Quoted heading\n\n- ### Heading in a list\n\n## B\n' }))
    const titles = (entries: typeof document.outline): unknown[] => entries.map((entry) => [entry.text.replace(/\u2002/g, ' '), ...titles(entry.children)])
    // Headings inside a quotation or a list are no sections of the document: neither numbered nor
    // listed (pandoc), and the quoted `#` takes no later section under it.
    expect(titles(document.outline)).toEqual([['1 A', ['1.0.1 A deep']], ['2 B']])
    expect(document.outline.map((entry) => entry.id)).toEqual(['a', 'b'])
  })
})

describe('a heading inside a quotation or a list', () => {
  it('is set as a heading but is no section: the PDF bookmarks, the contents and the EPUB nav leave it out', async () => {
    const built = await buildMarkdown('---\ntitle: Quoting\ntoc: true\n---\n\n## Statement\n\n> # Press release\n>\n> Quoted text.\n\n- ## Item heading\n\n## Reply\n\nText.\n')
    expect(built.messages).toEqual([])
    const tree = { title: 'Quoting', items: [{ title: 'Statement', items: [] }, { title: 'Reply', items: [] }] }
    const pdf = await readPdf(built.pdf)
    expect(pdf.outline).toEqual([tree])
    expect(navAsOutline((await readEpub(built.epub)).nav)).toEqual([tree])
    // Still set and tagged as headings where they stand (the title is the other H1).
    // The contents list Statement (so it is read twice), not the press release (read once, in place).
    expect(pdf.text.split('Statement').length - 1).toBe(2)
    expect(pdf.text.split('Press release').length - 1).toBe(1)
    expect(pdf.structureRoles.filter((role) => role === 'H1')).toHaveLength(2)
    expect(pdf.structureRoles.filter((role) => role === 'H2')).toHaveLength(3)
  })
})

describe('pandoc’s heading attributes', () => {
  it('take the id given with {#id}, leave {-} and {.unnumbered} headings unnumbered and {.unlisted} ones out of the outline, and leave the braces out of the text', async () => {
    const markdown = '---\ntitle: Attributes\nnumber-sections: true\n---\n\n## Annex\n\nSee [the annex](#annex) and [the data](#data).\n\n## Preface {-}\n\n## Data {#data .wide lang=fr}\n\n## Sets {a, b}\n\n## Appendix {#annex .unnumbered}\n\n## Thanks {.unlisted}\n\nTo all.\n'
    const built = await buildMarkdown(markdown)
    expect(built.messages).toEqual([])
    const epub = await readEpub(built.epub)
    const xhtml = epub.documents.map((document) => document.xhtml).join('\n')
    // The given id wins; the slug that would repeat it is numbered on.
    expect(xhtml).toContain('<h2 id="annex-1">1\u2002Annex</h2>')
    expect(xhtml).toContain('<h2 id="annex">Appendix</h2>')
    expect(xhtml).toContain('<h2 id="preface">Preface</h2>')
    // Unnumbered headings are not counted: Data is 2.
    expect(xhtml).toContain('<h2 id="data">2\u2002Data</h2>')
    // Braces that are no attribute block stay text.
    expect(xhtml).toMatch(/<h2 id="sets-a-b">3\u2002Sets \{a, b\}<\/h2>/)
    expect(xhtml).toContain('<a href="#annex">the annex</a>')
    const pdf = await readPdf(built.pdf)
    expect(pdf.destinations).toEqual(expect.arrayContaining(['annex', 'annex-1', 'data', 'preface']))
    expect(pdf.internalLinks).toEqual(expect.arrayContaining(['annex', 'data']))
    expect(pdf.text).not.toContain('{#')
    expect(navAsOutline(epub.nav)[0]!.items.map((item) => item.title.replace(/\u2002/g, ' '))).toEqual(['1 Annex', 'Preface', '2 Data', '3 Sets {a, b}', 'Appendix'])
    // {.unlisted}: numbered and set, with its id, but in neither the nav nor the bookmarks.
    expect(xhtml).toContain('<h2 id="thanks">4\u2002Thanks</h2>')
    expect(pdf.outline[0]!.items.map((item) => item.title.replace(/\u2002/g, ' '))).toEqual(['1 Annex', 'Preface', '2 Data', '3 Sets {a, b}', 'Appendix'])
  })
})

