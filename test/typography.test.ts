/** The laid-out pages, read back with pdf.js: furniture, keeps, widows/orphans, hyphenation, both themes. */
import { readdirSync, readFileSync } from 'node:fs'
import JSZip from 'jszip'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadTheme } from '../src/index.js'
import { buildMarkdown } from './helpers/build.js'
import { longDocument } from './helpers/long-document.js'
import { paintedItems, readPdfObjects, type JsonValue } from './helpers/pdf-objects.js'
import { epubcheck, hasTool, qpdfCheck } from './helpers/tools.js'
import { readEpub } from './helpers/epub.js'
import { compactText, normalizeText, readPdf, type PdfView, type TextItem } from './helpers/pdf.js'

const THEMES = ['default', 'book'].map((name) => path.resolve('templates', name))

/** Items on one baseline, left to right. */
interface Line {
  page: number
  items: TextItem[]
  text: string
  x: number
  y: number
  fontSize: number
}

/** The lines of the text area of each page (header and footer, outside the margins, left out). */
function contentLines(pdf: PdfView, themeDir: string): Line[] {
  const theme = loadTheme(themeDir)
  const top = Number(theme.values.page_margin_top)
  const bottom = Number(theme.values.page_margin_bottom)
  const lines: Line[] = []
  pdf.pages.forEach((items, page) => {
    const height = pdf.pageHeights[page]!
    const inside = items.filter((item) => item.y > bottom && item.y < height - top)
    const byBaseline = new Map<number, TextItem[]>()
    for (const item of inside) {
      const key = Math.round(item.y * 2) / 2
      byBaseline.set(key, [...(byBaseline.get(key) ?? []), item])
    }
    for (const [y, group] of [...byBaseline].sort((a, b) => b[0] - a[0])) {
      group.sort((a, b) => a.x - b.x)
      lines.push({ page, items: group, text: group.map((item) => item.text).join(' '), x: group[0]!.x, y, fontSize: Math.max(...group.map((item) => item.fontSize)) })
    }
  })
  return lines
}

const HEADING = /^(Part \d+: findings and methods|Section \d+\.\d+ on documentation)$/

for (const themeDir of THEMES) {
  describe(`a long document, theme ${path.basename(themeDir)}`, () => {
    let pdf: PdfView
    let lines: Line[]
    const theme = loadTheme(themeDir)
    const bodySize = Number(theme.values.base_font_size)
    const titlePage = theme.values.title_block_position === 'page'
    beforeAll(async () => {
      const built = await buildMarkdown(longDocument(), { formats: ['pdf'], template: themeDir })
      expect(built.messages.map((message) => message.reason)).toEqual([])
      pdf = await readPdf(built.pdf)
      lines = contentLines(pdf, themeDir)
    })

    it('numbers every page but a title page, with the total where the theme asks for it', () => {
      expect(pdf.pages.length).toBeGreaterThan(8)
      const total = pdf.pages.length
      pdf.pages.forEach((items, index) => {
        const footer = items.filter((item) => item.y < Number(theme.values.page_margin_bottom)).map((item) => item.text)
        const expected = String(theme.values.footer_content).replace('{page}', String(index + 1)).replace('{pages}', String(total))
        if (titlePage && index === 0) expect(footer).toEqual([])
        else expect(footer).toContain(expected)
      })
    })

    it('sets a running header on every page after the first', () => {
      for (let index = 1; index < pdf.pages.length; index++) {
        const header = pdf.pages[index]!.filter((item) => item.y > pdf.pageHeights[index]! - Number(theme.values.page_margin_top))
        expect(header.length, `page ${index + 1}`).toBeGreaterThan(0)
      }
      expect(pdf.pages[0]!.filter((item) => item.y > pdf.pageHeights[0]! - Number(theme.values.page_margin_top))).toEqual([])
    })

    it('lists the sections in a table of contents with their page numbers and links', () => {
      const contents = lines.filter((line) => line.page < 3 && /^Section 2\.3 on documentation/.test(line.text) && line.fontSize < bodySize * 1.1)
      expect(contents).toHaveLength(1)
      const page = Number(contents[0]!.items.at(-1)!.text)
      const headingLine = lines.find((line) => line.text === 'Section 2.3 on documentation' && line.fontSize > bodySize * 1.1)!
      expect(headingLine.page + 1).toBe(page)
      expect(pdf.internalLinks).toContain('section-23-on-documentation')
      // Tagged as a table of contents, one item per entry (Part 1–4, Section x.1–x.4).
      expect(pdf.structureRoles.filter((role) => role === 'TOC')).toHaveLength(1)
      expect(pdf.structureRoles.filter((role) => role === 'TOCI')).toHaveLength(20)
    })

    it('makes links inside justified lines clickable', () => {
      expect(pdf.links).toContain('https://example.org/archive/5')
      expect(pdf.links).toContain('https://example.org/archive/40')
    })

    it('never ends a page with a heading', () => {
      const byPage = new Map<number, Line[]>()
      for (const line of lines) byPage.set(line.page, [...(byPage.get(line.page) ?? []), line])
      for (const [page, pageLines] of byPage) {
        const last = pageLines.at(-1)!
        expect(HEADING.test(last.text) && last.fontSize > bodySize * 1.1, `page ${page + 1} ends with "${last.text}"`).toBe(false)
      }
    })

    it('leaves no single line of a paragraph alone at the top or the bottom of a page', () => {
      const left = Number(theme.values.page_margin_left)
      const pagesOf = new Map<number, number[]>()
      let paragraph: number | undefined
      for (const line of lines) {
        const opening = /^Paragraph (\d+)\./.exec(line.text)
        if (opening) paragraph = Number(opening[1])
        else if (line.fontSize > bodySize * 1.1 || line.x > left + 1 || line.text.startsWith('•') || line.page < (titlePage ? 2 : 1)) paragraph = undefined
        if (paragraph !== undefined) pagesOf.set(paragraph, [...(pagesOf.get(paragraph) ?? []), line.page])
      }
      let split = 0
      for (const [number, pages] of pagesOf) {
        const counts = new Map<number, number>()
        for (const page of pages) counts.set(page, (counts.get(page) ?? 0) + 1)
        if (counts.size > 1) split++
        if (counts.size > 1) for (const [page, count] of counts) expect(count, `paragraph ${number} on page ${page + 1}`).toBeGreaterThanOrEqual(2)
      }
      // The check above must have had something to check.
      expect(split).toBeGreaterThan(2)
    })

    it('hyphenates justified text at line ends, and extraction joins the word again', () => {
      const words = new Set(longDocument().split(/[^\p{L}]+/u).map((word) => word.toLowerCase()))
      let hyphenated = 0
      const text = normalizeText(pdf.text)
      for (let index = 0; index + 1 < lines.length; index++) {
        // The added hyphen is an item of its own after the word's first half (an artifact).
        const parts = lines[index]!.text.split(' ')
        if (parts.at(-1) !== '-') continue
        const end = parts.at(-2)!
        const start = lines[index + 1]!.text.split(' ')[0]!
        if (!/^\p{L}+$/u.test(end) || !/^\p{L}+/u.test(start) || words.has(end.toLowerCase())) continue
        const word = end + /^\p{L}+/u.exec(start)![0]
        if (!words.has(word.toLowerCase())) continue
        hyphenated++
        // Read as Firefox's search reads it, the word is whole again.
        expect(text).toContain(word)
      }
      expect(hyphenated).toBeGreaterThan(5)
    })
  })
}

describe('hyphenation follows the document language', () => {
  it('uses German patterns for lang de and warns, by rule, for a language without patterns', async () => {
    const german = 'Die Bundesregierung veröffentlichte gestern einen ausführlichen Untersuchungsbericht über die Menschenrechtsverletzungen, die Wiederaufbaumaßnahmen und die Verantwortlichkeiten der Sicherheitsbehörden in den betroffenen Regionen. '
    const built = await buildMarkdown(`---\ntitle: Bericht\nlang: de\n---\n\n${german.repeat(6)}\n`, { formats: ['pdf'] })
    expect(built.messages).toEqual([])
    const pdf = await readPdf(built.pdf)
    const lineEnds = pdf.pages[0]!.map((item) => item.text.split(' ').at(-1)!)
    // German compounds break inside (Untersuchungs-bericht): some line ends are no whole word.
    const wholeWords = new Set(german.split(/[^\p{L}]+/u))
    expect(lineEnds.filter((end) => /^\p{L}+$/u.test(end) && !wholeWords.has(end)).length).toBeGreaterThan(0)

    const unknown = await buildMarkdown('---\ntitle: X\nlang: tlh\n---\n\nSome text.\n', { formats: ['pdf'] })
    expect(unknown.messages.map((message) => message.ruleId)).toContain('hyphenation-language')
    // Arabic and Hebrew are not hyphenated at all: nothing to warn about.
    for (const lang of ['ar', 'he', 'fa']) expect((await buildMarkdown(`---\ntitle: X\nlang: ${lang}\n---\n\nنص عربي طويل.\n`, { formats: ['pdf'] })).messages).toEqual([])
  })
})

describe('justified text holding no-break spaces', () => {
  it('keeps a raw HTML block’s &nbsp; unbreakable, as HTML collapses ASCII white space only', async () => {
    const block = `<div>${Array.from({ length: 60 }, (_, index) => `${index + 10}&nbsp;000 people`).join(', ')}.</div>`
    const built = await buildMarkdown(`---\ntitle: Counts\n---\n\n${block}\n`, { formats: ['pdf'] })
    const lines = (await readPdf(built.pdf)).searchText.split('\n').map((line) => line.trim()).filter(Boolean)
    expect(lines.length).toBeGreaterThan(5)
    // No line ends between a number and its thousands.
    for (const [index, line] of lines.entries()) expect(/\d$/.test(line) && /^000/.test(lines[index + 1] ?? ''), line).toBe(false)
    expect(compactText(lines.join(''))).toContain(compactText(`10 000 people, 11 000 people`))
  })


  it('ends every line but the last at the margin, the no-break spaces kept at their own width', async () => {
    // French guillemets (set with narrow no-break spaces), 10 000 with a no-break space, a thin space.
    const sentence = 'Le rapport cite "nous avons tout perdu" pour 10\u00a0000 familles, soit 25\u2009% des foyers recensés. '
    const built = await buildMarkdown(`---\ntitle: Rapport\nlang: fr\n---\n\n${sentence.repeat(10)}\n`, { formats: ['pdf'] })
    expect(built.messages).toEqual([])
    const pdf = await readPdf(built.pdf)
    const theme = loadTheme(THEMES[0])
    const right = pdf.pageWidths[0]! - Number(theme.values.page_margin_right)
    const lines = contentLines(pdf, THEMES[0]!).filter((line) => line.fontSize < 12)
    expect(lines.length).toBeGreaterThan(5)
    const text = compactText(lines.map((line) => line.text).join(''))
    expect(text.split(compactText('«\u202fnous avons tout perdu\u202f» pour 10\u00a0000 familles, soit 25\u2009%')).length - 1).toBe(10)
    for (const line of lines.slice(0, -1)) {
      const end = Math.max(...line.items.map((item) => item.x + item.width))
      expect(end, line.text).toBeCloseTo(right, 1)
    }
  })
})

describe('code is set as typed', () => {
  it('keeps indentation, draws no ligatures (`!=`, `->`, `//`) and wraps overlong lines under their indentation', async () => {
    const line = 'if (a != b) return a -> b // a comment long enough to wrap around the measure of the code block twice over, so that it takes three lines of the panel and then some'
    const built = await buildMarkdown(`---\ntitle: Code\n---\n\n\`\`\`js\nfunction f(a, b) {\n    ${line}\n}\n\`\`\`\n\nInline \`x != y\` too.\n`, { formats: ['pdf'] })
    expect(built.messages).toEqual([])
    const pdf = await readPdf(built.pdf)
    const items = pdf.pages[0]!
    // Highlighted code is drawn in coloured pieces: read each line as the pieces at its baseline.
    const lineOf = (first: (typeof items)[number]) => items.filter((item) => Math.abs(item.y - first.y) < 0.5).sort((a, b) => a.x - b.x).map((item) => item.text).join('')
    const opening = items.find((item) => item.text.startsWith('function'))!
    expect(lineOf(opening)).toMatch(/^function f\(a, b\) \{/)
    const indented = items.find((item) => item.text.startsWith('if') && lineOf(item).startsWith('if (a != b) return a -> b //'))!
    // Four spaces of indentation are kept (pdf.js reports them as the item's offset).
    const character = (indented.x - opening.x) / 4
    expect(character).toBeCloseTo(8.5 * 0.6, 1)
    // The wrapped line goes on two characters right of its own indentation, on every line it takes,
    // never at the margin where a line of its own would start.
    const firstOnLine = new Map<number, (typeof items)[number]>()
    for (const item of items) if (item.y < indented.y && item.text.trim() && item.x < (firstOnLine.get(Math.round(item.y))?.x ?? Infinity)) firstOnLine.set(Math.round(item.y), item)
    const continuations = [...firstOnLine.values()].filter((item) => compactText(line).includes(compactText(lineOf(item))))
    expect(continuations.length).toBeGreaterThanOrEqual(2)
    for (const item of continuations) expect(item.x - indented.x).toBeCloseTo(2 * character, 1)
    // The closing brace, a line of its own, starts at the margin.
    const closing = items.find((item) => item.text.trim() === '}')!
    expect(closing.x).toBeCloseTo(opening.x, 1)
    // The continuation mark is drawn, not written: the text reads as typed.
    expect(compactText(pdf.text)).toContain(compactText(line))
    expect(pdf.text).not.toMatch(/[↪↳]/)
    expect(compactText(pdf.text)).toContain('x!=y')
  })

  it('gives each line its own block in the EPUB, a wrapped line hanging under its indentation plus two characters, the text as typed', async () => {
    const code = ['def mean(values):', '    """A docstring over', '    two lines."""', '', '\treturn sum(values) / len(values)  # a comment long enough to wrap on a phone'].join('\n')
    const built = await buildMarkdown(`---\ntitle: Code\n---\n\n\`\`\`python\n${code}\n\`\`\`\n`, { formats: ['epub'] })
    expect(built.messages).toEqual([])
    const epub = await readEpub(built.epub)
    const xhtml = epub.documents[0]!.xhtml
    const pre = /<pre><code[^>]*>(.*?)<\/code><\/pre>/s.exec(xhtml)![1]!
    const lines = [...pre.matchAll(/<span class="line" style="padding-left: (\d+)ch; text-indent: -(\d+)ch;">/g)]
    // One block per line, the blank one too; hangs of indentation + 2 (a tab to column 8).
    expect(lines.map((line) => Number(line[1]))).toEqual([2, 6, 6, 2, 10])
    expect(lines.every((line) => line[1] === line[2])).toBe(true)
    // The string's highlighting, cut at the line end, opens again on the next line.
    expect(pre.match(/<span class="hljs-string">/g)).toHaveLength(2)
    // Read (and copied) as typed: every character, every line feed.
    const text = pre.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    expect(text).toBe(code)
    const css = await (await JSZip.loadAsync(readFileSync(built.epub))).file('OEBPS/style.css')!.async('string')
    expect(css).toMatch(/pre code \.line \{\s*display: block;\s*\}/)
    if (hasTool('epubcheck')) expect(epubcheck(built.epub)).toMatchObject({ errors: 0, warnings: 0, fatals: 0 })
  })

  it('sets a long block on a panel on every page it takes, its wrapped lines marked by artifacts outside the tagged code', async () => {
    const body = Array.from({ length: 60 }, (_, i) => `def f${i}(x):\n    return x * ${i}  # a comment long enough to wrap once around the measure of the code panel, here`).join('\n')
    const built = await buildMarkdown(`---\ntitle: Code\n---\n\nBefore.\n\n\`\`\`python\n${body}\n\`\`\`\n\nAfter.\n`, { formats: ['pdf'] })
    expect(built.messages).toEqual([])
    const pdf = await readPdf(built.pdf)
    expect(pdf.pages.length).toBeGreaterThanOrEqual(3)
    for (const line of body.split('\n')) expect(compactText(pdf.text)).toContain(compactText(line))
    // Nothing is set past the panel's right padding (6 pt inside the text width).
    const right = pdf.pageWidths[0]! - 72
    const ofCode = (item: TextItem) => item.text.trim().length > 3 && compactText(body).includes(compactText(item.text))
    for (const page of pdf.pages) for (const item of page) if (ofCode(item)) expect(item.x + item.width).toBeLessThanOrEqual(right - 6 + 0.5)
    if (!hasTool('qpdf')) return
    const objects = readPdfObjects(built.pdf)
    const codePages = pdf.pages.map((items, index) => ({ items, index })).filter(({ items }) => items.some((item) => item.text.includes('comment')))
    expect(codePages.length).toBeGreaterThanOrEqual(2)
    let strokes = 0
    for (const { index } of codePages) {
      const page = objects.dict(objects.pages[index])
      const stream = ([] as JsonValue[]).concat(page['/Contents'] ?? []).map((ref) => objects.streamData(ref as string).toString('latin1')).join('\n')
      const painted = paintedItems(stream)
      // An artifact never sits inside tagged content (PDF/UA), nor tagged content inside an artifact.
      for (const item of painted) expect(item.marks.filter((mark) => mark.tag === 'Artifact' || mark.mcid !== undefined)).toHaveLength(1)
      // The panel (a fill) comes before the page's first line of code; the marks are strokes.
      const firstText = painted.findIndex((item) => (item.operator === 'TJ' || item.operator === 'Tj') && item.marks.some((mark) => mark.tag === 'Code'))
      expect(firstText).toBeGreaterThan(0)
      expect(painted.slice(0, firstText).some((item) => item.operator === 'f' && item.marks[0]!.tag === 'Artifact')).toBe(true)
      const marks = painted.slice(firstText).filter((item) => item.operator === 'S' && item.marks[0]!.tag === 'Artifact').length
      expect(marks).toBeGreaterThan(0)
      strokes += marks
    }
    // Each of the 60 wrapped lines: a hook and an arrowhead.
    expect(strokes).toBe(2 * 60)
  })
})

describe('words wider than the measure', () => {
  it('are broken at the margin, in lists too, and nothing is set past the page edge', async () => {
    const greek = 'ΔΔλσαα'.repeat(15)
    const exact = 'XHłšZfHø'.repeat(9)
    const cyrillic = 'цтц'.repeat(24)
    // The last paragraph holds Arabic, so it is set by the right-to-left line breaker.
    const markdown = `---\ntitle: Long words\n---\n\n${greek} ends here.\n\n- ${exact} <sup>x</sup> ${cyrillic} <sup>i</sup> and the rest of the item.\n\nكتاب ${cyrillic}${cyrillic} سلام\n`
    const built = await buildMarkdown(markdown, { formats: ['pdf'] })
    const pdf = await readPdf(built.pdf)
    const width = pdf.pageWidths[0]!
    expect(pdf.pages[0]!.filter((item) => item.x + item.width > width).map((item) => item.text)).toEqual([])
    // The right margin is the theme's: every line ends inside it.
    const right = Math.max(...pdf.pages[0]!.map((item) => item.x + item.width))
    expect(right).toBeLessThan(width - 40)
    const text = compactText(pdf.text)
    for (const words of [`${greek}endshere.`, exact, cyrillic, 'andtherestoftheitem.', `${cyrillic}${cyrillic}`]) expect(text).toContain(words)
  })
})

describe('text outside the flow finds fonts for its script', () => {
  it('sets Japanese and Korean in the title page, the table of contents and the running heads', async () => {
    const title = '平和の記録 한국어 문서'
    // The book theme: a title page, a contents page from six sections, the section as running head.
    const headings = ['記録の始まり', '두 번째 장', 'Third part', 'Fourth part', 'Fifth part', 'Sixth part']
    const sections = headings.map((heading) => `## ${heading}\n\n${'Text of the section. '.repeat(200)}`)
    const built = await buildMarkdown(`---\ntitle: ${title}\nlang: ja\n---\n\n${sections.join('\n\n')}\n`, { formats: ['pdf'], template: THEMES[1] })
    expect(built.messages.filter((message) => message.ruleId === 'missing-glyph')).toEqual([])
    const pdf = await readPdf(built.pdf)
    const pages = pdf.pages.map((items) => compactText(items.map((item) => item.text).join('')))
    expect(pages[0]).toContain(compactText(title))
    expect(pages.some((page) => page.includes(headings[0]!) && page.includes(compactText(headings[1]!)) && page.includes('Sixthpart'))).toBe(true)
    // Contents page, the heading's own page, and running heads on the pages after it.
    expect(pages.filter((page) => page.includes(compactText(headings[1]!))).length).toBeGreaterThan(2)
    expect(pdf.text).not.toMatch(/\u0000/)
  })

  it('sets Arabic in the table of contents and the running heads right to left, read back as written', async () => {
    const headings = ['مقدمة التقرير', 'الفصل الثاني', 'Third part', 'Fourth part', 'Fifth part', 'Sixth part']
    const sections = headings.map((heading) => `## ${heading}\n\n${'نص القسم هنا. '.repeat(900)}`)
    const built = await buildMarkdown(`---\ntitle: تقرير السلام\nlang: ar\n---\n\n${sections.join('\n\n')}\n`, { formats: ['pdf'], template: THEMES[1] })
    const pdf = await readPdf(built.pdf)
    const pages = pdf.pages.map((items) => compactText(items.map((item) => item.text).join('')))
    const contents = pages.find((page) => page.includes('Sixthpart'))!
    for (const heading of headings.slice(0, 2)) expect(contents).toContain(compactText(heading))
    // The title page too: the title reads back as written, its first word right of its second.
    expect(pages[0]).toContain(compactText('تقرير السلام'))
    const titleX = (word: string) => pdf.pages[0]!.find((item) => item.text.trim() === word)?.x
    expect(titleX('تقرير')).toBeGreaterThan(titleX('السلام')!)
    // Right to left on the page: the first word read stands right of the second.
    const items = pdf.pages[pages.indexOf(contents)]!
    const xOf = (word: string) => items.find((item) => item.text.trim() === word)?.x
    expect(xOf('مقدمة')).toBeGreaterThan(xOf('التقرير')!)
    // Running heads name the section on the pages after its first.
    expect(pages.filter((page) => page.includes(compactText(headings[0]!))).length).toBeGreaterThan(2)
  })
})

describe('the document’s own `papersize`', () => {
  it('sets the PDF’s pages in that size instead of the theme’s', async () => {
    const built = await buildMarkdown('---\ntitle: Letter\npapersize: letter\n---\n\nText.\n', { formats: ['pdf'] })
    const pdf = await readPdf(built.pdf)
    expect([pdf.pageWidths[0], pdf.pageHeights[0]]).toEqual([612, 792])
    const themed = await readPdf((await buildMarkdown('---\ntitle: A4\n---\n\nText.\n', { formats: ['pdf'] })).pdf)
    expect([Math.round(themed.pageWidths[0]!), Math.round(themed.pageHeights[0]!)]).toEqual([595, 842])
  })
})

describe('the document’s own `toc` and `toc-depth`', () => {
  it('give a short document contents to the depth asked, and take them from a long one', async () => {
    const short = `---\ntitle: Short\ntoc: true\ntoc-depth: 3\n---\n\n## Findings\n\nText.\n\n### Method of the count\n\nText.\n\n#### Too deep to list\n\nText.\n\n## Sources\n\nText.\n`
    const built = await buildMarkdown(short)
    const pdf = await readPdf(built.pdf)
    const lines = contentLines(pdf, THEMES[0]!)
    const contents = lines.findIndex((line) => line.text === 'Contents')
    expect(contents).toBeGreaterThanOrEqual(0)
    // Entries end in dot leaders and a page number; the level-4 heading is not one of them.
    const entries = lines.slice(contents + 1).filter((line) => /\d$/.test(line.text) && line.items.length > 1).map((line) => line.text.replace(/[ .]*\d+$/, ''))
    expect(entries.slice(0, 3)).toEqual(['Findings', 'Method of the count', 'Sources'])
    // The EPUB's navigation lists the same headings, as pandoc's does; the PDF's bookmarks keep all.
    const nav = (await readEpub(built.epub)).nav
    const titles = (items: typeof nav): string[] => items.flatMap((item) => [item.text, ...titles(item.children)])
    expect(titles(nav)).toEqual(['Short', 'Findings', 'Method of the count', 'Sources'])
    const bookmarks = (items: typeof pdf.outline): string[] => items.flatMap((item) => [item.title, ...bookmarks(item.items)])
    expect(bookmarks(pdf.outline)).toContain('Too deep to list')
    const long = `---\ntitle: Long\ntoc: false\n---\n\n${Array.from({ length: 10 }, (_, index) => `## Part ${index + 1}\n\nText.`).join('\n\n')}\n`
    const without = await readPdf((await buildMarkdown(long, { formats: ['pdf'] })).pdf)
    expect(contentLines(without, THEMES[0]!).some((line) => line.text === 'Contents')).toBe(false)
    // Without the key, the theme's threshold (8 headings) gives the long one its contents.
    const themed = await readPdf((await buildMarkdown(long.replace('toc: false\n', ''), { formats: ['pdf'] })).pdf)
    expect(contentLines(themed, THEMES[0]!).some((line) => line.text === 'Contents')).toBe(true)
  })
})

describe('a long heading in the table of contents', () => {
  it('wraps, every word kept, the page number on its last line, the whole entry one link', async () => {
    const long = 'A very long heading about the documentation of detention sites and of the testimony gathered from former detainees across several governorates between 2011 and 2023'
    const headings = [long, ...Array.from({ length: 8 }, (_, index) => `Section ${index + 2}`)]
    const sections = headings.map((heading) => `## ${heading}\n\n${'Text of the section. '.repeat(60)}`)
    const built = await buildMarkdown(`---\ntitle: Contents\n---\n\n${sections.join('\n\n')}\n`, { formats: ['pdf'] })
    const pdf = await readPdf(built.pdf)
    const lines = contentLines(pdf, THEMES[0]!)
    const bodySize = Number(loadTheme(THEMES[0]!).values.base_font_size)
    // The contents come before the first section's heading; the entry's lines are consecutive.
    const headingLine = lines.findIndex((line) => line.text.startsWith('A very long heading') && line.fontSize > bodySize * 1.1)
    const first = lines.findIndex((line) => line.text.startsWith('A very long heading'))
    expect(first).toBeLessThan(headingLine)
    const entry = lines.slice(first, lines.findIndex((line) => line.text.startsWith('Section 2')))
    expect(entry.length).toBeGreaterThan(1)
    expect(compactText(entry.map((line) => line.text).join(' ')).replace(/\.{2,}\d+$/, '')).toBe(compactText(long))
    expect(pdf.text).not.toContain('…')
    // Only the last line ends in its page number: the page the heading is on.
    expect(Number(entry.at(-1)!.items.at(-1)!.text)).toBe(lines[headingLine]!.page + 1)
    for (const line of entry.slice(0, -1)) expect(line.items.at(-1)!.text).not.toMatch(/^\d+$/)
    expect(pdf.internalLinks.filter((link) => link.startsWith('a-very-long-heading'))).toHaveLength(1)
  })
  it('ends a heading of 10,000 characters with … after five lines', async () => {
    const hostile = Array.from({ length: 1000 }, (_, index) => `word${index}`).join(' ').slice(0, 10_000)
    const headings = [hostile, ...Array.from({ length: 8 }, (_, index) => `Section ${index + 2}`)]
    const built = await buildMarkdown(`---\ntitle: Contents\n---\n\n${headings.map((heading) => `## ${heading}\n\nText.`).join('\n\n')}\n`, { formats: ['pdf'] })
    const pdf = await readPdf(built.pdf)
    const lines = contentLines(pdf, THEMES[0]!)
    const first = lines.findIndex((line) => line.text.startsWith('word0 word1'))
    const entry = lines.slice(first, lines.findIndex((line) => line.text.startsWith('Section 2')))
    expect(entry).toHaveLength(5)
    expect(entry.at(-1)!.text).toMatch(/…/)
    expect(pdf.pageWidths.every((width, page) => pdf.pages[page]!.every((item) => item.x + item.width <= width))).toBe(true)
  })
})

describe('every theme builds every document in content/', () => {
  const documents = readdirSync('content').filter((name) => name.endsWith('.md'))
  for (const themeDir of THEMES) {
    for (const name of documents) {
      it(`${path.basename(themeDir)}: ${name}`, async () => {
        const { readFileSync } = await import('node:fs')
        const built = await buildMarkdown(readFileSync(path.join('content', name), 'utf8'), { template: themeDir })
        expect(built.messages.filter((message) => message.fatal)).toEqual([])
        const pdf = await readPdf(built.pdf)
        expect(pdf.pages.length).toBeGreaterThan(0)
        expect(pdf.pages.at(-1)!.length).toBeGreaterThan(0)
        if (hasTool('qpdf')) expect(qpdfCheck(built.pdf).ok).toBe(true)
        // epubcheck runs in seed-article.test.ts; a second synchronous JVM here blocks the worker
        // long enough, on a loaded machine, for vitest's RPC to time out.
      })
    }
  }
})
