import { createHash } from 'node:crypto'
import { offprint } from './helpers/cli.js'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_THEME_DIR } from '../src/index.js'
import { buildMarkdown, tempDir } from './helpers/build.js'
import { paintedItems, pdfString, readPdfObjects, type JsonValue, type PdfObjects } from './helpers/pdf-objects.js'
import { normalizeText, readPdf, type PdfView } from './helpers/pdf.js'
import { hasTool, pdffonts, qpdfCheck } from './helpers/tools.js'

// A 1×1 PNG: enough for an image the Markdown references and the PDF must carry.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

export const ARCHIVAL_MARKDOWN = `---
title: Archive & Access
subtitle: A fixture for PDF/A and PDF/UA
author: [Ada Lovelace, Charles Babbage]
date: 2022-06-01
lang: en-GB
rights: CC BY 4.0
keywords: [archive, access]
source: https://example.org/original
---

# First part

A paragraph with a [link to the second part](#second-part) and a footnote.[^1] See [the original](https://example.org/original-page).

![A red square](images/red.png)

- one item
- two items

> A quotation.

## Second part

| Name | Value |
| ---- | ----- |
| a    | 1     |

    code block

مرحبا بالعالم (نص عربي) للاختبار.

שלום עולם (טקסט בעברית).

[^1]: The footnote text.
`


const xmpValue = (xmp: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xmp)?.[1]

describe('the PDF is PDF/A-3a with PDF/UA-1 identification by default', () => {
  let build: Awaited<ReturnType<typeof buildMarkdown>>
  let pdf: PdfView
  let objects: PdfObjects

  beforeAll(async () => {
    build = await buildMarkdown(ARCHIVAL_MARKDOWN, { formats: ['pdf'], files: { 'images/red.png': PNG } })
    expect(build.ok).toBe(true)
    pdf = await readPdf(build.pdf)
    if (hasTool('qpdf')) objects = readPdfObjects(build.pdf)
  })

  it('identifies PDF/A-3a and PDF/UA-1 in XMP, with an extension schema for pdfuaid', async () => {
    expect(xmpValue(pdf.xmp, 'pdfaid:part')).toBe('3')
    expect(xmpValue(pdf.xmp, 'pdfaid:conformance')).toBe('A')
    expect(xmpValue(pdf.xmp, 'pdfuaid:part')).toBe('1')
    expect(pdf.xmp).toContain('<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>')
    expect(pdf.xmp).toContain('<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>')
  })

  it('writes complete XMP that agrees with the Info dictionary', async () => {
    expect(pdf.xmp).toMatch(/<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">Archive &amp; Access<\/rdf:li>/)
    expect(pdf.info.Title).toBe('Archive & Access')
    expect(pdf.info.Author).toBe('Ada Lovelace; Charles Babbage')
    expect(pdf.xmp).toMatch(/<dc:creator>\s*<rdf:Seq>\s*<rdf:li>Ada Lovelace; Charles Babbage<\/rdf:li>\s*<\/rdf:Seq>/)
    // No description: the subtitle is the Subject, and dc:description says the same.
    expect(pdf.info.Subject).toBe('A fixture for PDF/A and PDF/UA')
    expect(pdf.xmp).toMatch(/<dc:description>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">A fixture for PDF\/A and PDF\/UA<\/rdf:li>/)
    expect(pdf.xmp).toMatch(/<dc:rights>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">CC BY 4.0<\/rdf:li>/)
    expect(xmpValue(pdf.xmp, 'dc:source')).toBe('https://example.org/original')
    expect(pdf.xmp).toMatch(/<dc:language>\s*<rdf:Bag>\s*<rdf:li>en-GB<\/rdf:li>/)
    expect(xmpValue(pdf.xmp, 'pdf:Keywords')).toBe(pdf.info.Keywords)
    expect(xmpValue(pdf.xmp, 'pdf:Producer')).toBe(pdf.info.Producer)
    expect(xmpValue(pdf.xmp, 'xmp:CreatorTool')).toBe(pdf.info.Creator)
    expect(xmpValue(pdf.xmp, 'xmp:CreateDate')).toBe('2022-06-01T00:00:00Z')
    expect(pdf.info.CreationDate).toBe('D:20220601000000Z')
    expect(xmpValue(pdf.xmp, 'xmp:ModifyDate')).toBe('2022-06-01T00:00:00Z')
    expect(pdf.info.ModDate).toBe('D:20220601000000Z')
  })

  it('has an sRGB output intent, a language, DisplayDocTitle, MarkInfo and no encryption', async () => {
    if (!hasTool('qpdf')) return
    expect(qpdfCheck(build.pdf).ok).toBe(true)
    const intents = objects.get(objects.catalog['/OutputIntents']) as JsonValue[]
    expect(intents).toHaveLength(1)
    const intent = objects.dict(intents[0])
    expect(intent['/S']).toBe('/GTS_PDFA1')
    expect(objects.dict(intent['/DestOutputProfile'])['/N']).toBe(3)
    expect(pdfString(objects.catalog['/Lang'])).toBe('en-GB')
    expect(objects.dict(objects.catalog['/ViewerPreferences'])['/DisplayDocTitle']).toBe(true)
    expect(objects.dict(objects.catalog['/MarkInfo'])['/Marked']).toBe(true)
    expect(objects.trailer['/Encrypt']).toBeUndefined()
    expect(objects.trailer['/ID']).toHaveLength(2)
  })

  it('embeds every font', async () => {
    if (!hasTool('pdffonts')) return
    const fonts = pdffonts(build.pdf)
    expect(fonts.length).toBeGreaterThan(0)
    expect(fonts.filter((font) => !font.embedded)).toEqual([])
  })

  it('tags every painted item or marks it as an artifact, and the structure tree owns every MCID', async () => {
    if (!hasTool('qpdf')) return
    const parentTree = objects.dict(objects.dict(objects.catalog['/StructTreeRoot'])['/ParentTree'])
    const nums = parentTree['/Nums'] as JsonValue[]
    const owners = new Map<number, JsonValue[]>()
    for (let index = 0; index < nums.length; index += 2) owners.set(nums[index] as number, objects.get(nums[index + 1]) as JsonValue[])
    let tagged = 0
    let artifacts = 0
    for (const pageRef of objects.pages) {
      const page = objects.dict(pageRef)
      const contents = ([] as JsonValue[]).concat(page['/Contents'] ?? [])
      const stream = contents.map((ref) => objects.streamData(ref as string).toString('latin1')).join('\n')
      const owned = owners.get(page['/StructParents'] as number) ?? []
      for (const item of paintedItems(stream)) {
        const artifact = item.marks.some((mark) => mark.tag === 'Artifact')
        const mcid = [...item.marks].reverse().find((mark) => mark.mcid !== undefined)?.mcid
        expect({ page: pageRef, operator: item.operator, tagged: artifact || mcid !== undefined }).toEqual({ page: pageRef, operator: item.operator, tagged: true })
        if (artifact) artifacts++
        else {
          tagged++
          expect(owned[mcid!], `MCID ${mcid} on ${pageRef} has no structure element`).toMatch(/^\d+ 0 R$/)
        }
      }
    }
    expect(tagged).toBeGreaterThan(20)
    // The page number (and the title rule) are furniture.
    expect(artifacts).toBeGreaterThanOrEqual(objects.pages.length)
  })

  it('reaches every link annotation from a Link structure element and describes it', async () => {
    if (!hasTool('qpdf')) return
    const annotations = objects.pages.flatMap((page) => ((objects.dict(page)['/Annots'] ?? []) as string[]).map((ref) => ({ ref, annotation: objects.dict(ref) })))
    const links = annotations.filter(({ annotation }) => annotation['/Subtype'] === '/Link')
    // The source's address in the title block, the cross-reference, the footnote reference and an external link.
    expect(links.length).toBeGreaterThanOrEqual(4)
    // Each says where it goes (pdfkit left links drawn inside a Link element with an empty Contents).
    const said = links.map(({ annotation }) => pdfString(annotation['/Contents']))
    expect(said).toContain('Link to https://example.org/original-page')
    expect(said).toContain('Link to https://example.org/original')
    const parentTree = objects.dict(objects.dict(objects.catalog['/StructTreeRoot'])['/ParentTree'])['/Nums'] as JsonValue[]
    for (const { ref, annotation } of links) {
      expect(pdfString(annotation['/Contents'])).toMatch(/^(Go to|Link to) ./)
      const key = parentTree.indexOf(annotation['/StructParent'] as number)
      expect(key % 2, `${ref} is in the parent tree`).toBe(0)
      const element = objects.dict(parentTree[key + 1])
      expect(element['/S']).toBe('/Link')
      expect(element['/K']).toContainEqual(expect.objectContaining({ '/Type': '/OBJR', '/Obj': ref }))
    }
  })

  it('reads each link as its words and its annotation together, in one Link element', () => {
    // The words used to stay in the paragraph's content, the Link element holding the annotation only.
    expect(pdf.linkElements).toContainEqual({ text: 'link to the second part', annotations: 1 })
    expect(pdf.linkElements).toContainEqual({ text: '1', annotations: 1 })
    for (const link of pdf.linkElements) expect(link.text.trim(), JSON.stringify(link)).not.toBe('')
    // The paragraph still reads in order around it.
    expect(normalizeText(pdf.text)).toContain('A paragraph with a link to the second part and a footnote.')
  })

  it('gives every Figure an Alt text and uses standard roles only', async () => {
    if (!hasTool('qpdf')) return
    const standard = new Set(['Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private', 'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot', 'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'Warichu', 'Figure', 'Formula', 'Form'])
    const elements = [...objects.all.values()].filter((value): value is Record<string, JsonValue> => typeof value === 'object' && value !== null && !Array.isArray(value) && (value['/Type'] === '/StructElem' || (typeof value['/S'] === 'string' && '/P' in value && '/K' in value)))
    expect(elements.length).toBeGreaterThan(10)
    for (const element of elements) {
      const role = String(element['/S']).slice(1)
      expect(standard, role).toContain(role)
      if (role === 'Figure') expect(pdfString(element['/Alt']), 'Figure without Alt').toBeTruthy()
    }
    const withRole = (role: string) => elements.filter((element) => element['/S'] === `/${role}`)
    expect(withRole('Figure').map((figure) => pdfString(figure['/Alt']))).toEqual(['A red square'])
    // PDF/UA-1 7.5: header cells say what they head; 7.9: notes have unique IDs.
    expect(withRole('TH').length).toBe(2)
    for (const header of withRole('TH')) expect(objects.dict(header['/A'])['/Scope']).toBe('/Column')
    const noteIds = withRole('Note').map((note) => pdfString(note['/ID']))
    expect(noteIds.length).toBeGreaterThanOrEqual(1)
    expect(noteIds.every(Boolean)).toBe(true)
    expect(new Set(noteIds).size).toBe(noteIds.length)
  })

  it('carries the Markdown source and its image as associated files with relationship Source', async () => {
    if (!hasTool('qpdf')) return
    const associated = (objects.catalog['/AF'] as string[]).map((ref) => objects.dict(ref))
    const names = associated.map((spec) => pdfString(spec['/UF']))
    expect(names).toEqual(['doc.md', 'images/red.png'])
    for (const spec of associated) {
      expect(spec['/AFRelationship']).toBe('/Source')
      expect(pdfString(spec['/F'])).toBe(pdfString(spec['/UF']))
      const embedded = objects.dict(objects.dict(spec['/EF'])['/F'])
      expect(embedded['/Subtype']).toMatch(/^\/(text#2fmarkdown|text\/markdown|image#2fpng|image\/png)$/i)
      expect(objects.dict(embedded['/Params'])['/ModDate']).toBe('u:D:20220601000000Z')
    }
    // ISO 32000 7.11.4.2: CheckSum is the 16-byte MD5 digest of the file, a byte string (qpdf: b:hex).
    const sums = associated.map((spec) => objects.dict(objects.dict(objects.dict(spec['/EF'])['/F'])['/Params'])['/CheckSum'])
    const md5 = (bytes: string | Buffer) => createHash('md5').update(bytes).digest('hex')
    expect(sums).toEqual([`b:${md5(ARCHIVAL_MARKDOWN)}`, `b:${md5(PNG)}`])
  })

  it('gives the embedded files back with `offprint extract`, byte for byte', async () => {
    const out = tempDir()
    const result = await offprint(['extract', build.pdf, '--out', out], build.dir)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(readFileSync(path.join(out, 'doc.md'), 'utf8')).toBe(ARCHIVAL_MARKDOWN)
    expect(readFileSync(path.join(out, 'images/red.png')).equals(PNG)).toBe(true)
    expect(result.stdout).toContain('extracted')
  })
})

describe('links in the structure tree', () => {
  it('keeps a link broken over lines, one in two faces, and one in right-to-left text, each one Link element with its words', async () => {
    const long = 'a link whose words run on over the end of this line and onto the next one, and further still to a third line of the paragraph'
    const markdown = `---\ntitle: Links\n---\n\nBefore it, ${'words to fill the line '.repeat(3)}[${long}](https://example.org/long) and after it, [a **bold** move](https://example.org/b).\n\nمرحبا [رابط عربي](https://example.org/ar) بالعالم.\n`
    const build = await buildMarkdown(markdown, { formats: ['pdf'] })
    const pdf = await readPdf(build.pdf)
    const squeeze = (text: string) => text.replace(/\s+/g, '')
    const [latin, faces, arabic] = pdf.linkElements
    expect(pdf.linkElements, JSON.stringify(pdf.linkElements)).toHaveLength(3)
    expect(faces).toEqual({ text: 'a bold move', annotations: 3 })
    expect(squeeze(latin!.text)).toBe(squeeze(long))
    // One annotation per line the link is drawn on, all in the same element.
    expect(latin!.annotations).toBeGreaterThanOrEqual(3)
    expect(squeeze(arabic!.text)).toBe(squeeze('رابط عربي'))
    expect(arabic!.annotations).toBeGreaterThanOrEqual(1)
    expect(pdf.links).toEqual(expect.arrayContaining(['https://example.org/long', 'https://example.org/ar']))
  })
})

describe('--pdf-standard and the theme key pdf_standard', () => {
  it('writes PDF/A-2b without attachments (PDF/A-2 allows none but PDF/A files)', async () => {
    const dir = tempDir()
    const build = await buildMarkdown(ARCHIVAL_MARKDOWN, { formats: ['pdf'], files: { 'images/red.png': PNG } })
    const result = await offprint(['build', path.join(build.dir, 'content/doc.md'), '--out', dir, '--format', 'pdf', '--pdf-standard', 'pdfa-2b'], build.dir)
    expect(result.code).toBe(0)
    const pdf = await readPdf(path.join(dir, 'doc.pdf'))
    expect(xmpValue(pdf.xmp, 'pdfaid:part')).toBe('2')
    expect(xmpValue(pdf.xmp, 'pdfaid:conformance')).toBe('B')
    const extract = await offprint(['extract', path.join(dir, 'doc.pdf'), '--out', tempDir()], build.dir)
    expect(extract.code).toBe(1)
    expect(extract.stderr).toContain('carries no embedded source files')
  })

  it('writes a plain tagged PDF with `none`: no pdfaid, no output intent, source still attached', async () => {
    const dir = tempDir()
    const result = await offprint(['build', path.resolve('test/fixtures/sections/input.md'), '--out', dir, '--format', 'pdf', '--pdf-standard', 'none'], dir)
    expect(result.code).toBe(0)
    const pdf = await readPdf(path.join(dir, 'input.pdf'))
    expect(pdf.xmp).not.toContain('pdfaid')
    expect(xmpValue(pdf.xmp, 'pdfuaid:part')).toBe('1')
    expect(pdf.structureRoles).toContain('H1')
    if (hasTool('qpdf')) expect(readPdfObjects(path.join(dir, 'input.pdf')).catalog['/OutputIntents']).toBeUndefined()
  })

  it('refuses an unknown standard on the command line and in a theme', async () => {
    const dir = tempDir()
    const bad = await offprint(['build', path.resolve('test/fixtures/sections/input.md'), '--out', dir, '--pdf-standard', 'pdfa-9'], dir)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('unknown PDF standard "pdfa-9"')
    const theme = path.join(dir, 'theme')
    mkdirSync(theme)
    writeFileSync(path.join(theme, 'theme.yaml'), `extends: ${DEFAULT_THEME_DIR}\npdf_standard: pdfa-9\n`)
    const badTheme = await offprint(['build', path.resolve('test/fixtures/sections/input.md'), '--out', dir, '--template', theme], dir)
    expect(badTheme.code).toBe(2)
    expect(badTheme.stderr).toContain('theme key `pdf_standard` must be one of pdfa-3a, pdfa-3b, pdfa-2b, none')
  })

  it('takes the standard from the theme when the command line names none', async () => {
    const dir = tempDir()
    const theme = path.join(dir, 'theme')
    mkdirSync(theme)
    writeFileSync(path.join(theme, 'theme.yaml'), `extends: ${DEFAULT_THEME_DIR}\npdf_standard: pdfa-3b\n`)
    const result = await offprint(['build', path.resolve('test/fixtures/sections/input.md'), '--out', dir, '--format', 'pdf', '--template', theme], dir)
    expect(result.code).toBe(0)
    const pdf = await readPdf(path.join(dir, 'input.pdf'))
    expect(xmpValue(pdf.xmp, 'pdfaid:part')).toBe('3')
    expect(xmpValue(pdf.xmp, 'pdfaid:conformance')).toBe('B')
  })
})
