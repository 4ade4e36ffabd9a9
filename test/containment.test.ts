import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildMarkdown, tempDir } from './helpers/build.js'
import { readPdf } from './helpers/pdf.js'

const SECRET = 'SECRET-OUTSIDE-THE-CONTENT-ROOT'

/** A file outside any content folder, holding a secret no output may carry. */
function outsideFile(name = 'secret.png'): string {
  const dir = tempDir('offprint-outside-')
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, name)
  writeFileSync(file, SECRET)
  return file
}

/** Every byte the PDF's embedded files (the archival copy's sources) carry. */
async function outputBytes(result: { pdf: string }): Promise<string> {
  const pdf = await readPdf(result.pdf)
  return Object.entries(pdf.attachments).map(([name, bytes]) => `${name}\n${bytes.toString('latin1')}`).join('\n')
}

// The PDF's associated files: the images an archival copy embeds with its source.
const pdfOnly = { formats: ['pdf' as const] }

describe('the PDF embeds nothing from outside the content root', () => {
  it('embeds no file reached through a symbolic link that points outside', async () => {
    const secret = outsideFile()
    const result = await buildMarkdown('---\ntitle: Links\n---\n\n![a chart](leak.png)\n', {
      ...pdfOnly,
      setup: (content) => symlinkSync(secret, path.join(content, 'leak.png')),
    })
    expect(result.messages.filter((message) => message.fatal).map(String)).toEqual([])
    const bytes = await outputBytes(result)
    expect(bytes).not.toContain(SECRET)
    expect(Object.keys((await readPdf(result.pdf)).attachments)).toEqual(['doc.md'])
  })

  it('embeds no file named by ../, an absolute path or a file:// URL', async () => {
    const secret = outsideFile()
    const relative = path.relative(path.join(path.dirname(secret), 'x'), secret)
    const result = await buildMarkdown(`---\ntitle: Paths\n---\n\n![up](../../../../../../../..${secret})\n\n![abs](${secret})\n\n![url](file://${secret})\n\n![rel](${relative})\n`, pdfOnly)
    expect(result.messages.filter((message) => message.fatal).map(String)).toEqual([])
    expect(await outputBytes(result)).not.toContain(SECRET)
    expect(Object.keys((await readPdf(result.pdf)).attachments)).toEqual(['doc.md'])
  })

  it('still embeds a real image inside the content folder, also through a link that stays inside', async () => {
    const png = readFileSync('test/fixtures/images/diagram.png')
    const result = await buildMarkdown('---\ntitle: Inside\n---\n\n![dot](images/dot.png)\n\n![same](alias.png)\n', {
      ...pdfOnly,
      files: { 'images/dot.png': png },
      setup: (content) => symlinkSync(path.join(content, 'images', 'dot.png'), path.join(content, 'alias.png')),
    })
    expect(result.messages.filter((message) => message.fatal).map(String)).toEqual([])
    const attachments = (await readPdf(result.pdf)).attachments
    expect(Object.keys(attachments).sort()).toEqual(['alias.png', 'doc.md', 'dot.png'])
    expect(attachments['dot.png']!.equals(png)).toBe(true)
  })
})
