import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import { GifWriter } from 'omggif'
import { PNG } from 'pngjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildFile, loadTheme, type BuildResult } from '../src/index.js'
import { mirrorText } from '../src/render-pdf/glyph-unicode.js'
import { buildMarkdown, tempDir } from './helpers/build.js'
import { readEpub, type EpubView } from './helpers/epub.js'
import { compactText, normalizeText, readPdf, type PdfView } from './helpers/pdf.js'
import { epubcheck, hasTool, pdffonts, pdftotext } from './helpers/tools.js'

/** Height a PDF draws its one image at, from the matrix before its `Do` (qpdf decompresses the page streams). */
function imageHeight(file: string): number {
  const text = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { maxBuffer: 1 << 26 }).toString('latin1')
  const match = /[-\d.]+ [-\d.]+ [-\d.]+ ([-\d.]+) [-\d.]+ [-\d.]+ cm\s*\/\w+ Do/.exec(text)
  return Math.abs(Number(match![1]))
}

interface Built {
  result: BuildResult
  pdf: PdfView
  epub: EpubView
  xhtml: string
  pdfFile: string
  epubFile: string
}

/** Build a fixture folder's input.md in both formats and read both outputs back. */
async function buildFixture(name: string): Promise<Built> {
  const outDir = tempDir()
  const result = await buildFile(path.resolve(`test/fixtures/${name}/input.md`), { outDir, formats: ['pdf', 'epub'], theme: loadTheme() })
  expect(result.ok, result.messages.map(String).join('\n')).toBe(true)
  const pdf = await readPdf(result.outputs.pdf!)
  const epub = await readEpub(result.outputs.epub!)
  return { result, pdf, epub, xhtml: epub.documents[0]!.xhtml, pdfFile: result.outputs.pdf!, epubFile: result.outputs.epub! }
}

const rules = (built: Built) => built.result.messages.map((message) => `${message.line}:${message.ruleId}`)

function expectValidEpub(file: string): void {
  if (!hasTool('epubcheck')) return
  const verdict = epubcheck(file)
  expect(verdict.report).not.toMatch(/^(ERROR|WARNING|FATAL)/m)
}

describe('blocks and inlines', () => {
  let built: Built
  beforeAll(async () => {
    built = await buildFixture('blocks')
  })

  it('reports the missing link target and the dropped HTML by line', () => {
    expect(rules(built)).toEqual(['11:link-missing-target', '60:html-dropped', '62:html-dropped'])
    expect(String(built.result.messages[2])).toContain('<script>')
  })

  it('keeps every construct\'s words in the PDF, tagged', () => {
    const text = compactText(built.pdf.text)
    for (const phrase of ['Plain emphasis, strong, struck and inline code; a hard', 'break and a soft break.', '© & – ☺', 'A nested quote.', 'nested number', 'done task', 'return a + b * 42', 'keeps its indentation', 'it never stops', 'H2O and E = mc2', 'Ctrl+C', 'Next line.', 'More', 'Hidden text.', 'Boxed text', 'The first note.', 'The second note.']) {
      expect(text).toContain(compactText(phrase))
    }
    expect(text).not.toContain('alert(1)')
    // Ordered list numbers from `start`, task boxes drawn, footnote numbers in order.
    expect(text).toContain('3.three4.four5.five')
    expect(text).toContain('☑donetask')
    expect(text).toContain('☐opentask')
    expect(text).toContain('1.Thefirstnote.2.Thesecondnote.')
    for (const role of ['BlockQuote', 'L', 'LI', 'Lbl', 'LBody', 'Code', 'Note', 'H1', 'H2']) expect(built.pdf.structureRoles).toContain(role)
  })

  it('makes links clickable and #fragments jump inside the PDF', () => {
    expect(built.pdf.links).toEqual(expect.arrayContaining(['https://example.org/', 'https://example.com/ref']))
    expect(built.pdf.internalLinks).toEqual(expect.arrayContaining(['lists', 'fn-1', 'fn-note']))
    expect(built.pdf.internalLinks).not.toContain('nowhere')
    for (const target of built.pdf.internalLinks) expect(built.pdf.destinations).toContain(target)
  })

  it('highlights code with the theme colours in the PDF', async () => {
    // The keyword colour of the theme (#8a2a5b) is used as a fill colour in the page content.
    const theme = loadTheme()
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(String(theme.values.code_keyword_color).slice(i, i + 2), 16) / 255)
    const { execFileSync } = await import('node:child_process')
    if (!hasTool('qpdf')) return
    const content = execFileSync('qpdf', ['--qdf', '--object-streams=disable', built.pdfFile, '-'], { maxBuffer: 1 << 26 }).toString('latin1')
    expect(content).toContain(`${r} ${g} ${b} scn`)
  })

  it('writes EPUB markup that survives epub-gen-memory and validates', () => {
    const { xhtml } = built
    expect(xhtml).toMatch(/<ol class="numbered">\s*<li><span class="list-number">3\.<\/span> three<\/li>/)
    expect(xhtml).toContain('aria-label="done">☑</span> done task')
    expect(xhtml).toContain('aria-label="not done">☐</span> open task')
    expect(xhtml).toContain('<span class="hljs-keyword">function</span>')
    expect(xhtml).toContain('<kbd>Ctrl</kbd>')
    expect(xhtml).toContain('H<sub>2</sub>O')
    expect(xhtml).toContain('<summary>More</summary>')
    expect(xhtml).not.toMatch(/<script|<div|alert\(1\)/)
    expect(xhtml).toContain('Boxed text')
    expect(xhtml).toContain('<a href="#lists">the lists</a>')
    expect(xhtml).toContain('<span class="link-unresolved">a missing target</span>')
    expect(xhtml).toMatch(/epub:type="noteref"[^>]*>1<\/a>/)
    expect(xhtml).toContain('epub:type="footnotes"')
    expect(xhtml).toContain('href="#user-content-fnref-1"')
    expectValidEpub(built.epubFile)
  })
})

describe('pandoc’s superscript and subscript', () => {
  it('raises ^…^ and lowers ~…~ in both outputs, keeps ~~…~~ struck, and leaves spaced marks, code and addresses as typed', async () => {
    const markdown = '---\ntitle: Scripts\n---\n\nWater is H~2~O; the 10^th^ camp has 2,400 m^2^. ~~Struck~~ stays struck. Not a^ b^ nor ~ x ~, nor `H~2~O`. See <https://example.org/~a~b>.\n\nEscaped: 2\\^10\\^ and a\\~b\\~.\n\n## CO~2~ levels\n'
    const built = await buildMarkdown(markdown)
    expect(built.messages).toEqual([])
    const epub = await readEpub(built.epub)
    const xhtml = epub.documents.map((document) => document.xhtml).join('\n')
    expect(xhtml).toContain('Water is H<sub>2</sub>O; the 10<sup>th</sup> camp has 2,400 m<sup>2</sup>. <del>Struck</del> stays struck. Not a^ b^ nor ~ x ~, nor <code>H~2~O</code>. See <a href="https://example.org/~a~b">https://example.org/~a~b</a>.')
    // Escaped marks stay marks.
    expect(xhtml).toContain('<p>Escaped: 2^10^ and a~b~.</p>')
    // The heading reads CO2: its id, its entry in the nav.
    expect(xhtml).toContain('<h2 id="co2-levels">CO<sub>2</sub> levels</h2>')
    expect(epub.nav[0]!.children.map((item) => item.text)).toEqual(['CO2 levels'])
    const pdf = await readPdf(built.pdf)
    expect(pdf.outline[0]!.items.map((item) => item.title)).toEqual(['CO2 levels'])
    // In the PDF the raised and lowered text is set smaller, off the baseline.
    const items = pdf.pages[0]!
    const body = items.find((item) => item.text.startsWith('Water is H'))!
    const sub = items.find((item) => item.text === '2' && item.fontSize < body.fontSize && item.y < body.y)
    const sup = items.find((item) => item.text === 'th' && item.fontSize < body.fontSize && item.y > body.y)
    expect(sub && sup).toBeTruthy()
    expect(compactText(pdf.text)).toContain(compactText('Not a^ b^ nor ~ x ~, nor H~2~O. See https://example.org/~a~b.'))
    if (hasTool('epubcheck')) expect(epubcheck(built.epub)).toMatchObject({ errors: 0, warnings: 0, fatals: 0 })
  })
})

describe('definition lists', () => {
  it('set each term bold with its definitions indented under it, tagged L / LI / Lbl / LBody, and <dl> in the EPUB', async () => {
    const markdown = '---\ntitle: Glossary\n---\n\nTerms:\n\nIDP\n:   Internally displaced person: someone forced to flee their home.\n\nSphere standard\nSphere minimum\n:   The minimum of *15 litres* per person per day[^1].\n\n:   A second definition, with "quotes".\n\nAfter the list.\n\n[^1]: The Sphere Handbook.\n'
    const built = await buildMarkdown(markdown)
    expect(built.messages).toEqual([])
    const pdf = await readPdf(built.pdf)
    const items = pdf.pages[0]!
    const term = items.find((item) => item.text === 'IDP')!
    const definition = items.find((item) => item.text.startsWith('Internally displaced'))!
    // The term is bold, its definition below it and further in.
    expect(term.fontName).not.toBe(definition.fontName)
    expect(definition.y).toBeLessThan(term.y)
    expect(definition.x).toBeGreaterThan(term.x + 10)
    expect(compactText(pdf.text)).toContain(compactText('Terms: IDP Internally displaced person: someone forced to flee their home. Sphere standard Sphere minimum The minimum of 15 litres per person per day1. A second definition, with “quotes”. After the list.'))
    expect(pdf.structureRoles.join(' ')).toContain('L LI Lbl LBody P LI Lbl LBody P Link P P')
    const xhtml = (await readEpub(built.epub)).documents[0]!.xhtml
    expect(xhtml).toMatch(/<dl>\s*<dt>IDP<\/dt>\s*<dd>Internally displaced person: someone forced to flee their home\.\s*<\/dd>\s*<dt>Sphere standard<\/dt>\s*<dt>Sphere minimum<\/dt>/)
    expect(xhtml).toContain('<p>A second definition, with “quotes”.</p>')
    if (hasTool('epubcheck')) expect(epubcheck(built.epub)).toMatchObject({ errors: 0, warnings: 0, fatals: 0 })
  })
})

describe('tables', () => {
  let built: Built
  beforeAll(async () => {
    built = await buildFixture('tables')
  })

  it('repeats the header row on every page a table continues on', () => {
    expect(built.pdf.pages.length).toBeGreaterThanOrEqual(3)
    for (const page of built.pdf.pages.slice(1)) expect(page.map((item) => item.text)).toContain('Item')
    const text = compactText(built.pdf.text)
    for (let row = 1; row <= 70; row++) expect(text).toContain(compactText(`${row} Row number ${row} of a long table`))
  })

  it('fits wide tables inside the margins, cells wrapping', () => {
    const width = 595.28 - 72
    for (const page of built.pdf.pages) for (const item of page) expect(item.x).toBeLessThan(width)
    expect(compactText(built.pdf.text)).toContain(compactText('Estimates vary widely since 2011; this column wraps onto several lines inside its cell'))
    for (const role of ['Table', 'TR', 'TH', 'TD']) expect(built.pdf.structureRoles).toContain(role)
  })

  it('never breaks a word that fits its column, and sets short columns on one line beside a long one', () => {
    const page = built.pdf.pages.find((items) => items.some((item) => item.text.includes('residential quarter')))!
    const texts = page.map((item) => item.text.trim())
    // A column exactly as wide as its widest word: `10` was drawn as `1` over `0`.
    for (const number of ['9', '10', '11']) expect(texts).toContain(number)
    // The long column wraps; the short ones keep their lines (`Idlib` / `district` / `10` before).
    for (const cell of ['Idlib district 9', 'Idlib district 10', 'Idlib district 11', '2019-02-11']) expect(texts).toContain(cell)
    const notes = page.filter((item) => item.text.includes('residential quarter'))
    expect(notes).toHaveLength(1)
  })

  it('aligns columns as written in both outputs', () => {
    const first = built.pdf.pages[0]!
    const right = first.find((item) => item.text === 'Right')!
    const left = first.find((item) => item.text === 'Left')!
    expect(right.x).toBeGreaterThan(left.x + 200)
    expect(built.xhtml).toContain('<th class="align-right">Right</th>')
    expect(built.xhtml).toContain('<td class="align-center"><code>code</code></td>')
    expectValidEpub(built.epubFile)
  })
  it('takes pandoc’s `Table:` and `:` paragraphs, before or after a table, as its caption, set above it in both outputs', async () => {
    const markdown = `---\ntitle: Captions\n---\n\nText before.\n\nTable: Water per person and day, by camp. Source: [the notes](#notes).\n\n| Camp | Litres |\n|---|--:|\n| Roj | 14.8 |\n\n| Key | Value |\n|---|---|\n| a | 1 |\n\n: A caption *after* its table, with a note[^1].\n\n## Notes\n\n[^1]: The note.\n`
    const captioned = await buildMarkdown(markdown)
    expect(captioned.messages).toEqual([])
    const pdf = await readPdf(captioned.pdf)
    const text = normalizeText(pdf.text)
    // Each caption is read before its table, without its prefix (pdf.js splits the line at the link).
    expect(compactText(text)).toContain(compactText('Text before. Water per person and day, by camp. Source: the notes. Camp Litres Roj 14.8 A caption after its table, with a note1. Key Value a 1'))
    expect(text).not.toMatch(/Table:|\s:\s/)
    // Tagged as the first child of each Table.
    const roles = pdf.structureRoles.join(' ')
    expect(roles.split('Table Caption').length - 1).toBe(2)
    const epub = await readEpub(captioned.epub)
    const xhtml = epub.documents.map((document) => document.xhtml).join('\n')
    expect(xhtml).toContain('<table><caption>Water per person and day, by camp. Source: <a href="#notes">the notes</a>.</caption>')
    expect(xhtml).toMatch(/<table><caption>A caption <em>after<\/em> its table, with a note<sup><a href="#user-content-fn-1"[^>]*>1<\/a><\/sup>.<\/caption>/)
    expect(normalizeText(epub.documents.map((document) => document.text).join(' '))).not.toMatch(/Table:|\s:\s/)
    if (hasTool('epubcheck')) expect(epubcheck(captioned.epub)).toMatchObject({ errors: 0, warnings: 0, fatals: 0 })
  })
})

describe('images', () => {
  let built: Built
  beforeAll(async () => {
    built = await buildFixture('images')
  })

  it('refuses missing, outside and remote images with a warning at their line', () => {
    expect(rules(built)).toEqual(['13:image-missing', '15:image-outside-root', '17:image-remote'])
  })

  it('draws the figure with its caption and credit in the PDF, tagged with its alt text', () => {
    const text = compactText(built.pdf.text)
    expect(text).toContain(compactText('How offprint works © Offprint authors'))
    expect(text).toContain(compactText('An inline image tiny inside running text'))
    expect(text).toContain(compactText('[A missing picture]'))
    expect(built.pdf.structureRoles).toContain('Figure')
    expect(built.pdf.structureRoles).toContain('Caption')
  })

  it('lifts a titled image out of its paragraph: text before, the figure with its caption, text after', () => {
    expect(built.pdf.structureRoles.filter((role) => role === 'Figure')).toHaveLength(2)
    const text = compactText(built.pdf.text)
    expect(text).toContain(compactText('Text before a titled image Sales by year © Offprint authors and the text after it stay paragraphs.'))
    // Three blocks, top to bottom: the paragraph's first part, the caption under the picture, the rest.
    const page = built.pdf.pages[0]!
    const y = (start: string) => page.find((item) => item.text.startsWith(start))!.y
    expect(y('Text before')).toBeGreaterThan(y('Sales by year') + 100)
    expect(y('Sales by year')).toBeGreaterThan(y('and the text after'))
    expect(built.xhtml).toMatch(/<p>Text before a titled image<\/p>\s*<figure><img src="images\/image-\d\.png" alt="A second chart" title="Sales by year © Offprint authors"\/><figcaption>Sales by year<span class="credit">© Offprint authors<\/span><\/figcaption><\/figure>\s*<p>and the text after it stay paragraphs\.<\/p>/)
  })

  it('embeds the vetted image in the EPUB as a figure, alt text kept', () => {
    expect(built.epub.files).toContain('OEBPS/images/image-1.png')
    expect(built.xhtml).toMatch(/<figure><img src="images\/image-1\.png" alt="The pipeline: Markdown to mdast to PDF and EPUB" title="How offprint works © Offprint authors"\/><figcaption>How offprint works<span class="credit">© Offprint authors<\/span><\/figcaption><\/figure>/)
    expect(built.xhtml).toContain('<span class="image-alt">[Outside]</span>')
    expectValidEpub(built.epubFile)
  })

  it('never reads a bad image, and never crashes on one', async () => {
    const dir = tempDir()
    const content = path.join(dir, 'content')
    mkdirSync(content)
    const png = readFileSync('test/fixtures/images/diagram.png')
    writeFileSync(path.join(dir, 'secret.png'), png)
    writeFileSync(path.join(content, 'truncated.png'), png.subarray(0, 200))
    writeFileSync(path.join(content, 'text.jpg'), 'this is not a JPEG\n')
    writeFileSync(path.join(content, 'anim.gif'), Buffer.concat([Buffer.from('GIF89a'), Buffer.from([4, 0, 4, 0, 0x80, 0, 0]), Buffer.alloc(40, 0xff)]))
    writeFileSync(path.join(content, 'huge.png'), Buffer.concat([png.subarray(0, 16), Buffer.from([0, 1, 0, 0, 0, 1, 0, 0]), png.subarray(24)]))
    symlinkSync(path.join(dir, 'secret.png'), path.join(content, 'link.png'))
    copyFileSync('test/fixtures/images/diagram.png', path.join(content, 'ok.png'))
    const markdown = ['---', 'title: Bad images', '---', '', '![t](truncated.png)', '', '![x](text.jpg)', '', '![g](anim.gif)', '', '![h](huge.png)', '', '![l](link.png)', '', `![a](${path.join(dir, 'secret.png')})`, '', `![f](file://${path.join(dir, 'secret.png')})`, '', '<img src="../secret.png" alt="raw">', '', '![fine](ok.png)', ''].join('\n')
    const input = path.join(content, 'doc.md')
    writeFileSync(input, markdown)
    const result = await buildFile(input, { outDir: path.join(dir, 'out'), formats: ['pdf', 'epub'], theme: loadTheme() })
    expect(result.ok).toBe(true)
    expect(result.messages.map((message) => `${message.line}:${message.ruleId}`)).toEqual([
      '5:image-corrupt',
      '7:image-unsupported',
      '9:image-corrupt',
      '11:image-too-large',
      '13:image-outside-root',
      '15:image-outside-root',
      '17:image-outside-root',
      '19:image-outside-root',
    ])
    expect(String(result.messages[2])).toContain('is a GIF that could not be converted to PNG')
    const epub = await readEpub(result.outputs.epub!)
    expect(epub.files.filter((name) => name.startsWith('OEBPS/images/') && !name.endsWith('/'))).toEqual(['OEBPS/images/image-1.png'])
    expect(epub.documents[0]!.text).toContain('[raw]')
    expectValidEpub(result.outputs.epub!)
  })
})

describe('the cover image', () => {
  it('is the EPUB’s cover (cover-image in the manifest, its bytes as given) and a file the PDF carries; one outside the folder is refused at its line', async () => {
    const cover = readFileSync('test/fixtures/images/diagram.png')
    const built = await buildMarkdown('---\ntitle: Covered\ncover-image: art/cover.png\n---\n\nText.\n', { files: { 'art/cover.png': cover } })
    expect(built.messages).toEqual([])
    const zip = await JSZip.loadAsync(readFileSync(built.epub))
    const opf = await zip.file(/content\.opf$/)[0]!.async('string')
    expect(opf).toContain('<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image" />')
    expect(opf).toContain('<meta name="cover" content="cover-image" />')
    const entry = zip.file(/cover\.png$/)[0]!
    expect(Buffer.compare(await entry.async('nodebuffer'), cover)).toBe(0)
    if (hasTool('epubcheck')) expect(epubcheck(built.epub)).toMatchObject({ errors: 0, warnings: 0, fatals: 0 })
    const refused = await buildMarkdown('---\ntitle: Uncovered\ncover-image: ../cover.png\n---\n\nText.\n')
    expect(refused.messages.map((message) => `${message.line}:${message.column}:${message.ruleId}`)).toEqual(['3:1:image-outside-root'])
    expect(String(refused.messages[0])).toContain('the EPUB is made without a cover')
    const bare = await JSZip.loadAsync(readFileSync(refused.epub))
    expect(await bare.file(/content\.opf$/)[0]!.async('string')).not.toContain('cover-image')
    if (hasTool('epubcheck')) expect(epubcheck(refused.epub)).toMatchObject({ errors: 0, warnings: 0, fatals: 0 })
  })
})

describe('words offprint adds, in the document’s language', () => {
  it('labels the attribution, the abstract, the contents and the notes in French, German and Arabic; English otherwise', async () => {
    const doc = (lang: string) => `---\ntitle: T\nlang: ${lang}\nauthor: [Marie Dupont, Jean Martin, Ana Silva]\nsource: Le Monde\nimage-credit: AFP\nabstract: Un résumé.\ntoc: true\n---\n\n## Partie\n\nTexte.[^1]\n\n[^1]: Une note.\n`
    const read = async (lang: string) => {
      const built = await buildMarkdown(doc(lang))
      // Swahili has no hyphenation patterns: that warning only.
      expect(built.messages.filter((message) => message.ruleId !== 'hyphenation-language')).toEqual([])
      const epub = await readEpub(built.epub)
      return { pdf: normalizeText((await readPdf(built.pdf)).text), epub, xhtml: epub.documents[0]!.xhtml, built }
    }
    const french = await read('fr-CA')
    for (const text of ['Par Marie Dupont, Jean Martin et Ana Silva', 'Source\u00a0: Le Monde', 'Image\u00a0: AFP', 'Résumé', 'Table des matières']) expect(french.pdf.replace(/ /g, ' ')).toContain(text.replace(/\u00a0/g, ' '))
    expect(french.epub.navXhtml).toContain('<h1>Table des matières</h1>')
    expect(french.xhtml).toContain('Par Marie Dupont, Jean Martin et Ana Silva')
    expect(french.xhtml).toContain('>Notes</h2>')
    const german = await read('de')
    expect(german.pdf).toContain('Von Marie Dupont, Jean Martin und Ana Silva')
    expect(german.pdf).toContain('Zusammenfassung')
    expect(german.xhtml).toContain('>Anmerkungen</h2>')
    const arabic = await read('ar')
    const arabicText = arabic.epub.documents[0]!.text
    expect(arabicText).toContain('بقلم Marie Dupont، Jean Martin وAna Silva')
    expect(arabicText).toContain('المصدر: Le Monde')
    expect(german.xhtml).toContain('aria-label="Zurück zum Verweis 1"')
    const unknown = await read('sw')
    expect(unknown.pdf).toContain('By Marie Dupont, Jean Martin and Ana Silva')
    expect(unknown.epub.navXhtml).toContain('<h1>Contents</h1>')
    for (const { built } of [french, arabic]) if (hasTool('epubcheck')) expect(epubcheck(built.epub)).toMatchObject({ errors: 0, warnings: 0, fatals: 0 })
  })
})

describe('the abstract', () => {
  it('stands in the title block of both outputs, labelled, before the body, tagged, and is the PDF’s subject', async () => {
    const built = await buildMarkdown('---\ntitle: Findings\nauthor: Ana Silva\nabstract: |\n  This report *documents* eighteen attacks.\n\n  Its second paragraph.\n---\n\n## Introduction\n\nBody text.\n')
    expect(built.messages).toEqual([])
    const pdf = await readPdf(built.pdf)
    const order = ['Findings', 'By Ana Silva', 'Abstract', 'This report documents eighteen attacks.', 'Its second paragraph.', 'Introduction', 'Body text.'].map((text) => normalizeText(pdf.text).indexOf(text))
    expect(order.every((at) => at >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(pdf.info.Subject).toBe('This report documents eighteen attacks. Its second paragraph.')
    expect(pdf.structureRoles).toContain('Div')
    const epub = await readEpub(built.epub)
    const xhtml = epub.documents[0]!.xhtml
    expect(xhtml).toMatch(/<header class="title-block">.*<section class="abstract" role="doc-abstract" aria-label="Abstract"><p class="abstract-title">Abstract<\/p><p>This report documents eighteen attacks\.<\/p><p>Its second paragraph\.<\/p><\/section><\/header>/s)
    expect(epub.metadata['dc:description']).toEqual(['This report documents eighteen attacks. Its second paragraph.'])
    if (hasTool('epubcheck')) expect(epubcheck(built.epub)).toMatchObject({ errors: 0, warnings: 0, fatals: 0 })
  })
})

describe('a figure that comes near a page’s foot', () => {
  const tall = (() => {
    const image = new PNG({ width: 300, height: 1800 })
    image.data.fill(0x80)
    return PNG.sync.write(image)
  })()
  const paragraph = 'Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. '.repeat(6)
  /** Pages of the caption and of the last paragraph before the figure, and the height the picture is drawn at. */
  async function place(paragraphs: number) {
    const markdown = `---\ntitle: Figures\n---\n\n${`${paragraph}\n\n`.repeat(paragraphs)}![A tall figure](tall.png "The caption of the figure © Someone")\n\nAfter the figure.\n`
    const built = await buildMarkdown(markdown, { formats: ['pdf'], files: { 'tall.png': tall } })
    const pdf = await readPdf(built.pdf)
    // The last page that shows the text.
    const pageOf = (text: string) => pdf.pages.map((items, index) => (items.some((item) => item.text.includes(text)) ? index : -1)).reduce((last, index) => Math.max(last, index), -1)
    return { caption: pageOf('The caption of the figure'), credit: pageOf('Someone'), before: pageOf('magna aliqua.'), height: imageHeight(built.pdf) }
  }

  it('is set smaller to stay on the page it comes to, down to 60%, its caption and credit with it', async () => {
    const roomy = await place(1)
    const crowded = await place(4)
    // With four paragraphs the page has room for little: the figure starts the next page, full size.
    expect(crowded.caption).toBe(crowded.before + 1)
    // With one, the rest of the page takes it a little smaller instead of leaving the page blank.
    expect(roomy.caption).toBe(roomy.before)
    expect(roomy.credit).toBe(roomy.caption)
    expect(roomy.height).toBeLessThan(crowded.height)
    expect(roomy.height).toBeGreaterThanOrEqual(0.6 * crowded.height - 0.01)
  })
  it('floats past the paragraphs after it that fit the rest of the page, never past a heading; the EPUB’s page break follows that text', async () => {
    const markdown = `---\ntitle: Figures\n---\n\n${`${paragraph}\n\n`.repeat(4)}![A tall figure](tall.png "The caption of the figure")\n\nFirst short paragraph after the figure.\n\nSecond short one, as short.\n\n## Next section\n\nText of the next section.\n`
    const built = await buildMarkdown(markdown, { files: { 'tall.png': tall } })
    expect(built.messages).toEqual([])
    const pdf = await readPdf(built.pdf)
    const pageOf = (text: string) => pdf.pages.findIndex((items) => items.some((item) => item.text.includes(text)))
    // The rest of page 1 takes the two short paragraphs; the figure tops page 2; the section follows it.
    expect([pageOf('First short paragraph'), pageOf('Second short one'), pageOf('The caption of the figure')]).toEqual([0, 0, 1])
    expect(pageOf('Next section')).toBeGreaterThanOrEqual(1)
    // Read in the order set: the text, then the figure.
    const text = pdf.text
    expect(text.indexOf('magna aliqua.')).toBeLessThan(text.indexOf('First short paragraph'))
    expect(text.indexOf('Second short one')).toBeLessThan(text.indexOf('The caption of the figure'))
    // The EPUB keeps the source's order; the second page begins after the text page 1 holds.
    const xhtml = (await readEpub(built.epub)).documents[0]!.xhtml
    const at = (needle: string) => xhtml.indexOf(needle)
    expect(at('<figure')).toBeLessThan(at('First short paragraph'))
    expect(at('Second short one')).toBeLessThan(at('id="page-2"'))
    expect(at('id="page-2"')).toBeLessThan(at('Next section'))
    if (hasTool('epubcheck')) expect(epubcheck(built.epub)).toMatchObject({ errors: 0, warnings: 0, fatals: 0 })
  })
})

describe('GIF images', () => {
  it('embeds the first frame of a GIF as PNG in both outputs, and says an animation was cut to it', async () => {
    // A 2×2 GIF of two frames: red, then blue. The reader must see red.
    const gif = (frames: number) => {
      const buffer = Buffer.alloc(1024)
      const writer = new GifWriter(buffer, 2, 2, { palette: [0xff0000, 0x0000ff], loop: 0 })
      for (let frame = 0; frame < frames; frame++) writer.addFrame(0, 0, 2, 2, [frame, frame, frame, frame], { delay: 10 })
      return buffer.subarray(0, writer.end())
    }
    const still = gif(1)
    const result = await buildMarkdown('---\ntitle: GIF\n---\n\n![Red square](still.gif "A still GIF")\n\n![Red, then blue](anim.gif "An animated GIF")\n', { files: { 'still.gif': still, 'anim.gif': gif(2) } })
    expect(result.ok).toBe(true)
    expect(result.messages.map((message) => `${message.line}:${message.ruleId}`)).toEqual(['7:image-animated'])
    expect(String(result.messages[0])).toContain('only its first frame is shown')
    const pdf = await readPdf(result.pdf)
    expect(pdf.structureRoles.filter((role) => role === 'Figure')).toHaveLength(2)
    expect(compactText(pdf.text)).toContain(compactText('A still GIF An animated GIF'))
    // The PDF carries the source files as written: the GIF, not the PNG it was converted to.
    expect(pdf.attachments['still.gif']).toEqual(still)
    const epub = await readEpub(result.epub)
    const images = epub.files.filter((name) => /^OEBPS\/images\/image-\d\.png$/.test(name))
    expect(images).toHaveLength(2)
    const zip = await JSZip.loadAsync(readFileSync(result.epub))
    for (const name of images) {
      const png = PNG.sync.read(await zip.file(name)!.async('nodebuffer'))
      expect([png.width, png.height, ...png.data.subarray(0, 4)]).toEqual([2, 2, 255, 0, 0, 255])
    }
    expect(epub.documents[0]!.xhtml).toContain('alt="Red, then blue"')
    expectValidEpub(result.epub)
  })
})

describe('every script', () => {
  let built: Built
  beforeAll(async () => {
    built = await buildFixture('scripts')
  })

  it('drops no glyph: every character is in a font that has it', () => {
    expect(rules(built)).toEqual([])
    const text = built.pdf.text.normalize('NFKD').replace(/[\u0000-\u001f]/g, '')
    const source = readFileSync('test/fixtures/scripts/input.md', 'utf8').split('---')[2]!
    // Every character of every script, Arabic letters drawn as a dotless glyph and a dot included;
    // decomposed, as shaping splits Indic two-part vowels (ോ into േ and ാ) into their parts.
    for (const char of new Set(source.normalize('NFKD').replace(/[\s\ufe0f]/gu, ''))) expect(text, `U+${char.codePointAt(0)!.toString(16)}`).toContain(char)
    for (const word of ['Ærøskøbing', 'πηδά', 'французских', '你好', 'カタカナとひらがな', '안녕하세요', 'שלום', '😀', '∑', '─│┌┐└┘']) expect(text).toContain(word.normalize('NFKD'))
  })

  it('writes each character into the EPUB as itself, not as a reference, and validates', () => {
    const source = readFileSync('test/fixtures/scripts/input.md', 'utf8').split('---')[2]!
    for (const word of ['Ærøskøbing', 'πηδά', 'французских', '你好', 'カタカナとひらがな', '안녕하세요', 'שלום', '😀', '∑', '─│┌┐└┘']) expect(built.xhtml).toContain(word)
    expect(built.xhtml).not.toMatch(/&#x[0-9a-f]+;/i)
    // Every line of text is in the markup as written (the fixture's lines hold no Markdown syntax).
    for (const line of source.split('\n').filter((text) => /^\p{L}/u.test(text) && !/[*_`[\]<>&]/.test(text))) expect(built.xhtml).toContain(line.trim())
    expectValidEpub(built.epubFile)
  })

  it('sets each block of symbols from one font: arrows alike, box drawing alike', () => {
    const items = built.pdf.pages.flat()
    const fontsOf = (pattern: RegExp) => new Set(items.filter((item) => pattern.test(item.text)).map((item) => item.fontName))
    // → is in JetBrains Mono and ⇒ is not: both must come from the one font that has every arrow.
    const arrows = fontsOf(/[\u2190-\u21ff]/u)
    expect(arrows.size).toBe(1)
    expect(fontsOf(/→/u)).toEqual(fontsOf(/⇒/u))
    expect(fontsOf(/[\u2500-\u257f]/u).size).toBe(1)
  })

  it('reads vowel signs drawn before their consonant, and rephs drawn after it, back as written (poppler)', async () => {
    // ि, ে, ெ, െ are drawn left of the consonant they follow; two-part vowels (ো, ொ, ൊ) around it;
    // a reph (र् before म in धर्म) above the consonant it precedes, after its glyph; Khmer's
    // subscript RO (្រ of ប្រទេស) before the consonant it follows; Telugu and Kannada vowel signs
    // (ా of నమస్కారం) before the consonants set below their base.
    const words = ['हिन्दी', 'किताब', 'स्थिति', 'কোথায়', 'লেখা', 'மொழி', 'கெட்டது', 'കൊച്ചി', 'പെട്ടി', 'धर्म', 'कार्य', 'सर्वोच्च', 'বর্ণ', 'ಕರ್ಮ', 'ਸਤਿ', 'ਕਿਤਾਬ', 'લિપિ', 'ધર્મ', 'ଅଟେ', 'ମୋର', 'මේ', 'ලෝකය', 'ආයුබෝවන්', 'ខ្មែរ', 'ប្រទេស', 'នៃ', 'ក្រែ', 'నమస్కారం', 'ನಮಸ್ಕಾರ', 'ಜಗತ್ತು', 'ಸ್ತ್ರೀ']
    const built = await buildMarkdown(`---\ntitle: Vowels\n---\n\n${words.join(' ')}\n`, { formats: ['pdf'] })
    if (!hasTool('pdftotext')) return
    // Khmer's pre-base vowel glyphs still read as U+2060 (invisible), their characters go with the consonant.
    const text = pdftotext(built.pdf).replace(/\u2060/g, '').normalize('NFC')
    for (const word of words) expect(text, word).toContain(word.normalize('NFC'))
  })

  it('reads words of Indic scripts whole and apart with pdf.js (Firefox), and without stray characters with poppler', async () => {
    // pdf.js takes a glyph whose text holds a nonspacing mark (दु, स्: a letter and its mark in one
    // glyph) for a mark of no width: such a glyph starting a word was joined to the word before
    // ("नमस्तेदु निया"), and the width it lost set spaces inside later words ("कू ल").
    const sentences = [
      'यह प्रति स्कूल में क्या हुआ दूसरा दिन था।',
      // A reph in one glyph with the vowel sign before it (ीर् of विद्यार्थी) read after the vowel.
      'विद्यार्थी आज स्कूल गए।',
      'नमस्ते दुनिया, यह हिंदी में लिखा गया है।',
      'भारत के प्रधानमंत्री ने कहा कि स्वास्थ्य और शिक्षा पर ध्यान दिया जाएगा।',
      'ఇది తెలుగు లిపి.',
      'ආයුබෝවන් ලෝකය, මේ සිංහල වේ.',
      'નમસ્તે દુનિયા, આ ગુજરાતી લિપિ છે.',
      'ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ ਦੁਨੀਆ, ਇਹ ਪੰਜਾਬੀ ਹੈ।',
      'আমি বাংলায় গান গাই।',
      'നമസ്കാരം ലോകം, ഇത് മലയാളം.',
      'ನಮಸ್ಕಾರ ಜಗತ್ತು, ಇದು ಕನ್ನಡ.',
      // Malayalam's RA of a conjunct is drawn before its consonant (പ്ര); Sinhala's vowel before the
      // rakaransaya it follows (ශ්‍රී): both read out of order ("്രപധാന", "ශී්‍ර").
      'സർക്കാർ പുതിയ പദ്ധതി പ്രഖ്യാപിച്ചു.',
      'සිංහල භාෂාව ශ්‍රී ලංකාවේ ප්‍රධාන භාෂාවයි.',
    ]
    // Khmer: a pre-base vowel's or subscript RO's glyph read as nothing was skipped by pdf.js without
    // its width, which set a space at the next glyph drawn apart ("ខ្មែ រ", "កម្ពុ ជា").
    const khmer = 'ភាសាខ្មែរ ប្រទេសកម្ពុជា នៃ ក្រែ ខ្មែរ'
    const built = await buildMarkdown(`---\ntitle: Words\n---\n\n${[...sentences, khmer].join('\n\n')}\n`, { formats: ['pdf'] })
    // Words in order, one space apart; punctuation is set in another font, a text item of its own.
    const words = (text: string) => text.normalize('NFC').replace(/[।,.]/gu, ' ').replace(/\s+/g, ' ').trim()
    const view = await readPdf(built.pdf)
    const text = words(normalizeText(view.text))
    for (const sentence of [...sentences, khmer]) expect(text, sentence).toContain(words(sentence))
    // As Firefox's search joins pdf.js's items: no space before a comma or full stop either (a
    // Kannada consonant set below the base reads as a mark, and pdf.js gave it no width: "ಕನ್ನಡ .").
    const found = view.searchText.normalize('NFC').replace(/\s+/g, ' ')
    for (const sentence of sentences) expect(found, sentence).toContain(sentence.normalize('NFC'))
    if (!hasTool('pdftotext')) return
    // A glyph of width read as no character (a pre-base vowel whose characters went to its
    // consonant) was written by pdftotext as U+2060 inside the word (दु⁠निया).
    const poppler = pdftotext(built.pdf).normalize('NFC').split(khmer.slice(0, 4))[0]!
    expect(poppler.match(/.\u2060./gu) ?? []).toEqual([])
    for (const sentence of sentences) expect(words(poppler), sentence).toContain(words(sentence))
  })

  it('ends lines of Thai between words, never inside one, and without a hyphen', async () => {
    // Thai is written without spaces between words: ICU's dictionary finds them (Intl.Segmenter).
    const thai = 'ประเทศไทยมีประวัติศาสตร์ยาวนานและวัฒนธรรมที่หลากหลายซึ่งสะท้อนให้เห็นในศิลปะสถาปัตยกรรมอาหารและภาษาของผู้คนทั่วทุกภูมิภาคของประเทศ'
    const built = await buildMarkdown(`---\ntitle: Thai\nlang: th\n---\n\n${thai}${thai}\n`, { formats: ['pdf'] })
    const items = (await readPdf(built.pdf)).pages[0]!.filter((item) => /\p{Script=Thai}/u.test(item.text))
    const byLine = new Map<number, string>()
    for (const item of items) byLine.set(Math.round(item.y), (byLine.get(Math.round(item.y)) ?? '') + item.text)
    const lines = [...byLine.values()].map((line) => line.replace(/[\u2060\s]/g, '').normalize('NFC'))
    expect(lines.length).toBeGreaterThan(2)
    const text = (thai + thai).normalize('NFC')
    expect(lines.join('')).toBe(text)
    const boundaries = new Set([...new Intl.Segmenter('th', { granularity: 'word' }).segment(text)].map((segment) => segment.index))
    let at = 0
    for (const line of lines.slice(0, -1)) {
      at += line.length
      expect(boundaries.has(at), `line ends inside a word: …${line.slice(-6)}|${text.slice(at, at + 6)}…`).toBe(true)
    }
  })

  it('sets Japanese without a line starting with closing punctuation or small kana, or ending with an opening bracket', async () => {
    // Kinsoku shori (JIS X 4051): lines of Japanese may break between most characters, not these.
    const sentence = 'データ（資料）は「コーヒー」と同じく、ちょっと短いっ。'
    const built = await buildMarkdown(`---\ntitle: Kinsoku\nlang: ja\n---\n\n${sentence.repeat(12)}\n`, { formats: ['pdf'] })
    // ー is filed under Common, not Katakana: it had no font and was dropped. Japanese is never hyphenated: no warning.
    expect(built.messages.map((message) => message.ruleId)).toEqual([])
    const items = (await readPdf(built.pdf)).pages[0]!.filter((item) => /[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}ー、。「」（）]/u.test(item.text))
    const byLine = new Map<number, string>()
    for (const item of items) byLine.set(Math.round(item.y), (byLine.get(Math.round(item.y)) ?? '') + item.text)
    const lines = [...byLine.values()].map((line) => line.replace(/\s/g, ''))
    expect(lines.length).toBeGreaterThan(3)
    expect(lines.join('')).toBe(sentence.repeat(12))
    for (const line of lines.slice(1)) expect('、。）」ーっょ').not.toContain(line[0])
    for (const line of lines.slice(0, -1)) expect('（「').not.toContain(line.at(-1))
  })

  it('still breaks a long run of characters kinsoku holds together, within the margins', async () => {
    // A line may not start with 。 or ー: a run of 200 of them must still be cut somewhere.
    // Smart punctuation off: 600 full stops, not 200 ellipses.
    const built = await buildMarkdown(`---\ntitle: Runs\nlang: ja\nsmart: false\n---\n\n${'.'.repeat(600)}\n\n${'ー'.repeat(300)}\n\n${'。'.repeat(200)}\n`, { formats: ['pdf'] })
    const view = await readPdf(built.pdf)
    const right = view.pageWidths[0]! - 72 + 0.5
    const outside = view.pages.flatMap((items) => items.filter((item) => item.x + item.width > right))
    expect(outside.map((item) => item.text.slice(0, 10))).toEqual([])
    for (const [char, count] of [['.', 600], ['ー', 300], ['。', 200]] as const) expect(view.text.split(char).length - 1, char).toBe(count)
  })

  it('reports a character no font has at its first place in the source, once', async () => {
    const result = await buildMarkdown('---\ntitle: Linear B\n---\n\nPlain words.\n\nA sign 𐀀 and again 𐀀.\n', { formats: ['pdf'] })
    expect(result.ok).toBe(true)
    expect(result.messages.map((message) => `${message.line}:${message.column}:${message.ruleId}`)).toEqual(['7:8:missing-glyph'])
    expect(String(result.messages[0])).toContain('U+10000')
  })

  it('embeds a font per script, loaded only when needed', () => {
    if (!hasTool('pdffonts')) return
    const names = pdffonts(built.pdfFile).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''))
    const families = ['Arabic', 'Hebrew', 'JP', 'SC', 'KR', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Telugu', 'Tamil', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao', 'Khmer', 'Myanmar', 'Georgian', 'Armenian', 'Ethiopic'].map((script) => `NotoSans${script}`)
    for (const family of [...families, 'NotoEmoji', 'NotoSansMath']) expect(names.some((name) => name.startsWith(family)), family).toBe(true)
  })

  it('declares lang and dir in the EPUB where the script changes', () => {
    // The fixture runs over two pages: the page-2 marker may open a paragraph.
    const xhtml = built.xhtml.replace(/<span id="page-\d+"[^>]*\/>/g, '')
    // epub-gen-memory writes non-ASCII characters as references: مر… and של….
    expect(xhtml).toContain('<p lang="ar" xml:lang="ar" dir="rtl">مر')
    expect(xhtml).toContain('<p lang="he" xml:lang="he" dir="rtl">של')
    expect(xhtml).toContain('<p lang="ja" xml:lang="ja">Japanese:')
    for (const [lang, label] of [['hi', 'Devanagari'], ['bn', 'Bengali'], ['pa', 'Gurmukhi'], ['gu', 'Gujarati'], ['or', 'Oriya'], ['te', 'Telugu'], ['ta', 'Tamil'], ['kn', 'Kannada'], ['ml', 'Malayalam'], ['si', 'Sinhala'], ['th', 'Thai'], ['lo', 'Lao'], ['km', 'Khmer'], ['my', 'Myanmar'], ['ka', 'Georgian'], ['hy', 'Armenian'], ['am', 'Ethiopic']]) expect(xhtml).toContain(`<p lang="${lang}" xml:lang="${lang}">${label}:`)
    for (const line of ['Malayalam: നമസ്കാരം ലോകം, ഇത് മലയാളം.', 'Kannada: ನಮಸ್ಕಾರ ಜಗತ್ತು, ಇದು ಕನ್ನಡ.']) expect(built.epub.documents[0]!.text).toContain(line)
    expect(built.epub.documents[0]!.text).toContain('Mixed: the word سلام means peace, and שלום too.')
    expectValidEpub(built.epubFile)
  })
})

describe('right to left across a page break', () => {
  it.runIf(hasTool('pdftotext'))('closes its marked content on the page it opened it, and goes on tagged on the next', async () => {
    const paragraph = 'نص القسم هنا، وكتاب السلام. '.repeat(400)
    const built = await buildMarkdown(`---\ntitle: T\nlang: ar\n---\n\n${paragraph}\n`, { formats: ['pdf'] })
    const pdf = await readPdf(built.pdf)
    expect(pdf.pages.length).toBeGreaterThan(1)
    // poppler reports a marked-content end without its beginning on the page ("Mismatched EMC operator").
    const { execFile } = await import('node:child_process')
    const stderr = await new Promise<string>((resolve) => execFile('pdftotext', [built.pdf, '/dev/null'], (_error, _stdout, err) => resolve(err)))
    expect(stderr).not.toMatch(/Mismatched|Syntax/)
    expect(compactText(pdftotext(built.pdf))).toContain(compactText('وكتاب السلام'))
  })
})

describe('right to left', () => {
  let built: Built
  let paragraphs: string[]
  beforeAll(async () => {
    built = await buildFixture('rtl')
    paragraphs = readFileSync('test/fixtures/rtl/input.md', 'utf8').split('---')[2]!.trim().split(/\n\n/)
  })

  it('reads back the Arabic and Hebrew paragraphs in logical order, every letter kept, in pdf.js and poppler', () => {
    expect(rules(built)).toEqual([])
    const pdfjs = compactText(built.pdf.text)
    for (const paragraph of paragraphs) expect(pdfjs).toContain(compactText(paragraph))
    // Glyphs shaped from no character (the dots fontkit draws apart from dotless letters) leave no trace.
    expect(built.pdf.text).not.toMatch(/[\u0000-\u0008\u000e-\u001f]/)
    if (!hasTool('pdftotext')) return
    const poppler = pdftotext(built.pdfFile)
    expect(poppler).not.toMatch(/[\u0000-\u0008\u000e-\u001f\u2060]/)
    for (const paragraph of paragraphs) expect(compactText(poppler)).toContain(compactText(paragraph))
  })

  it('reads the words of right-to-left paragraphs apart, as Firefox’s search and copy join pdf.js’s text', () => {
    // Words are drawn in reading order at their visual places: each word drawn left of the one
    // before is a new pdf.js text item, which pdf.js gave no space. Brackets next to Arabic words
    // are set in the Arabic face, with the word. Left: the Hebrew face has no brackets, and a
    // bracket in another face than the word it opens reads without the space before it.
    const found = built.pdf.searchText.replace(/\s+/g, ' ')
    for (const paragraph of paragraphs) expect(found).toContain(/\p{Script=Hebrew}/u.test(paragraph) ? paragraph.replace(/ \(/g, '(') : paragraph)
  })

  it('justifies right-to-left paragraphs, the last line set to the right', () => {
    const items = built.pdf.pages[0]!.filter((item) => /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(item.text))
    const lines = [...new Set(items.map((item) => Math.round(item.y)))].sort((a, b) => b - a)
    expect(lines.length).toBeGreaterThanOrEqual(4)
    const extent = (y: number) => {
      const line = items.filter((item) => Math.round(item.y) === y)
      return { left: Math.min(...line.map((item) => item.x)), right: Math.max(...line.map((item) => item.x + item.width)) }
    }
    const arabicLast = lines.findIndex((y) => items.some((item) => Math.round(item.y) === y && /\p{Script=Hebrew}/u.test(item.text))) - 1
    for (const [index, y] of lines.entries()) {
      const { left, right } = extent(y)
      expect(right, `line ${index}`).toBeCloseTo(523.28, 0)
      if (index === arabicLast || index === lines.length - 1) expect(left, `line ${index}`).toBeGreaterThan(100)
      else expect(left, `line ${index}`).toBeCloseTo(72, 0)
    }
  })

  it('sets brackets in right-to-left text facing their words', () => {
    const items = built.pdf.pages[0]!
    const x = (text: string) => items.find((item) => item.text.trim() === text)!.x
    // Logical order ( עם סוגריים ): right to left on the page, the opening bracket rightmost (the
    // Hebrew face has no brackets: they are drawn in the text face, items of their own).
    expect(x('(')).toBeGreaterThan(x('עם'))
    expect(x('עם')).toBeGreaterThan(x('סוגריים'))
    expect(x('סוגריים')).toBeGreaterThan(x(')'))
    // The Arabic face has them: each bracket is drawn with the word it touches, in that word's face.
    expect(x('(مع')).toBeGreaterThan(x('أقواس)'))
    const arabicFont = items.find((item) => item.text.trim() === 'مع' || item.text.trim() === '(مع')!.fontName
    expect(items.find((item) => item.text.trim() === 'أقواس)')!.fontName).toBe(arabicFont)
    expect(mirrorText('(مع [أقواس] «و»)')).toBe(')مع ]أقواس[ »و«(')
  })

  it('keeps the paragraphs in the EPUB, with their direction', () => {
    for (const paragraph of paragraphs) expect(built.epub.documents[0]!.text).toContain(paragraph)
    expect(built.xhtml).toContain('<p lang="ar" xml:lang="ar" dir="rtl">')
    expect(built.xhtml).toContain('<p lang="he" xml:lang="he" dir="rtl">')
  })
})
