import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildFile, loadTheme } from '../src/index.js'
import { tempDir } from './helpers/build.js'
import { readEpub } from './helpers/epub.js'
import { compactText, readPdf } from './helpers/pdf.js'
import { epubcheck, hasTool, pdffonts } from './helpers/tools.js'

describe('content/user-guide.md, offprint\'s own manual', () => {
  it('builds without a warning into a PDF and a valid EPUB with its figure, table, note and Arabic paragraph', async () => {
    const result = await buildFile(path.resolve('content/user-guide.md'), { outDir: tempDir(), formats: ['pdf', 'epub'], theme: loadTheme() })
    expect(result.messages.map(String)).toEqual([])
    const pdf = await readPdf(result.outputs.pdf!)
    const text = compactText(pdf.text)
    for (const phrase of ['From Markdown to mdast to PDF and EPUB.', 'Credit: diagram by the offprint authors', 'Publication date, shown as written', 'npx offprint build content --out output', 'The tree is mdast', 'Καλή ανάγνωση', 'よい読書を']) expect(text).toContain(compactText(phrase))
    for (const role of ['Figure', 'Caption', 'Table', 'TH', 'Note', 'Code', 'L']) expect(pdf.structureRoles).toContain(role)
    if (hasTool('pdffonts')) expect(pdffonts(result.outputs.pdf!).some((font) => font.name.includes('NotoSansArabic'))).toBe(true)
    const epub = await readEpub(result.outputs.epub!)
    const { xhtml } = epub.documents[0]!
    expect(xhtml).toContain('<figcaption>From Markdown to mdast to PDF and EPUB.<span class="credit">Credit: diagram by the offprint authors</span></figcaption>')
    expect(xhtml).toContain('<p lang="ar" xml:lang="ar" dir="rtl">')
    expect(xhtml).toContain('epub:type="noteref"')
    expect(epub.files).toContain('OEBPS/images/image-1.png')
    if (hasTool('epubcheck')) expect(epubcheck(result.outputs.epub!).report).not.toMatch(/^(ERROR|WARNING|FATAL)/m)
  })
})
