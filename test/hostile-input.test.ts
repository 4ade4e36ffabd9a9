import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildMarkdown } from './helpers/build.js'
import { offprint, project } from './helpers/cli.js'
import { epubcheck, hasTool } from './helpers/tools.js'
import { readEpub } from './helpers/epub.js'
import { compactText, readPdf } from './helpers/pdf.js'

const front = '---\ntitle: Hostile\n---\n\n'

/** Rule ids and places of the messages of a result, as `line:column rule`. */
const placed = (messages: { line?: number | null; column?: number | null; ruleId?: string | null; fatal?: boolean | null }[]) =>
  messages.map((message) => `${message.line}:${message.column} ${message.fatal ? 'error' : 'warning'} ${message.ruleId}`)

describe('deep nesting', () => {
  for (const [name, prefix] of [['block quotes', '>'], ['list items', '- '], ['ordered list items', '1. '], ['quotes in lists', '> - ']] as const) {
    it(`10,000 nested ${name} build, flattened beyond the limit with a warning`, async () => {
      const result = await buildMarkdown(`${front}Before.\n\n${prefix.repeat(10_000)}deep words here\n\nAfter.\n`)
      expect(result.ok).toBe(true)
      expect(placed(result.messages)).toEqual(['7:1 warning nesting-too-deep'])
      expect(result.messages[0]!.reason).toMatch(/nest deeper than 48 levels.*nest less deeply/)
      const pdf = await readPdf(result.pdf)
      // The list labels of the 48 kept levels stand between the paragraphs.
      expect(compactText(pdf.text)).toMatch(/Before\.(•|1\.)*deepwordshereAfter\./)
      const epub = await readEpub(result.epub)
      expect(epub.documents[0]!.text).toContain('Before. deep words here After.')
      if (hasTool('epubcheck')) expect(epubcheck(result.epub)).toMatchObject({ errors: 0, warnings: 0, fatals: 0 })
    })
  }

  it('keeps nesting up to the limit as written', async () => {
    const result = await buildMarkdown(`${front}${'> '.repeat(20)}twenty deep\n`)
    expect(result.messages).toEqual([])
    const epub = await readEpub(result.epub)
    expect(epub.documents[0]!.xhtml.match(/<blockquote>/g)).toHaveLength(20)
  })

  it('flattens 300 nested emphasis spans, keeping every word', async () => {
    const open = Array.from({ length: 300 }, (_, index) => `o${index}`)
    const close = Array.from({ length: 300 }, (_, index) => `c${index}`)
    const result = await buildMarkdown(`${front}${open.map((word) => `_${word} `).join('')}middle${close.map((word) => ` ${word}_`).join('')}\n`)
    expect(result.ok).toBe(true)
    expect(placed(result.messages)).toEqual([expect.stringMatching(/^5:\d+ warning nesting-too-deep$/)])
    const words = `${open.join('')}middle${close.join('')}`
    expect(compactText((await readPdf(result.pdf)).text)).toContain(words)
    expect(compactText((await readEpub(result.epub)).documents[0]!.text)).toContain(words)
  })

  it('refuses 10,000 nested emphasis openers (the parser is quadratic in them) with a clear error of that document', async () => {
    const dir = project({ 'content/deep.md': `${front}${'_a '.repeat(10_000)}x${' b_'.repeat(10_000)}\n`, 'content/fine.md': `${front}Fine.\n` })
    const result = await offprint(['build'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^content\/deep\.md:5:1: error: this paragraph has 20000 emphasis or strikethrough markers .*split the paragraph or escape the markers .* \[too-many-delimiters\]$/m)
    expect(readdirSync(path.join(dir, 'output')).filter((name) => !name.startsWith('.')).sort()).toEqual(['fine.epub', 'fine.pdf'])
  })
})

describe('characters that should not be there', () => {
  it('reports invalid UTF-8 at its line and column, replacing the bytes', async () => {
    const bytes = Buffer.concat([Buffer.from(`${front}Good line.\n\nBad `), Buffer.from([0xff, 0xfe]), Buffer.from(' bytes and \xe9 more.\n', 'latin1')])
    const result = await buildMarkdown(bytes)
    expect(result.ok).toBe(true)
    expect(placed(result.messages)).toEqual(['7:5 warning invalid-utf8'])
    expect(result.messages[0]!.reason).toMatch(/not valid UTF-8: 3 invalid byte sequence\(s\) replaced.*save the file as UTF-8/)
    expect((await readEpub(result.epub)).documents[0]!.text).toContain('Good line. Bad \uFFFD\uFFFD bytes and \uFFFD more.')
  })

  it('reports NUL bytes and still builds the words around them', async () => {
    const result = await buildMarkdown(`${front}Alpha\0beta gamma.\n\nDelta\0.\n`)
    expect(result.ok).toBe(true)
    expect(placed(result.messages)).toEqual(['5:6 warning nul-byte'])
    expect(result.messages[0]!.reason).toMatch(/^2 NUL byte/)
    expect((await readEpub(result.epub)).documents[0]!.text).toContain('Alpha\uFFFDbeta gamma. Delta\uFFFD.')
    expect(compactText((await readPdf(result.pdf)).text)).toMatch(/Alpha.?betagamma\./)
  })

  it('warns about bidi overrides, which reorder text in readers, and keeps the text', async () => {
    const result = await buildMarkdown(`${front}Pay \u202Eyzal\u202C now.\n`)
    expect(placed(result.messages)).toEqual(['5:5 warning bidi-control'])
    expect(result.messages[0]!.reason).toMatch(/^2 bidi control character\(s\).*remove them unless/)
    expect((await readEpub(result.epub)).documents[0]!.text).toContain('Pay \u202Eyzal\u202C now.')
  })

  it('keeps zero-width characters (needed by Persian and Indic scripts) without a message', async () => {
    const text = 'zero\u200Bwidth joiner\u200Dand non\u200Cjoiner word'
    const result = await buildMarkdown(`${front}${text}\n`)
    expect(result.ok).toBe(true)
    expect(result.messages).toEqual([])
    expect((await readEpub(result.epub)).documents[0]!.text).toContain(text)
    expect(compactText((await readPdf(result.pdf)).text).replace(/[\u200B-\u200D]/g, '')).toContain('zerowidthjoinerandnonjoinerword')
  })

  it('drops a byte-order mark so the frontmatter is still read', async () => {
    const result = await buildMarkdown(`\uFEFF${front}Body.\n`)
    expect(result.messages).toEqual([])
    expect((await readEpub(result.epub)).metadata['dc:title']).toEqual(['Hostile'])
  })

  it('builds a heading of 10,000 characters, every character kept', async () => {
    const heading = 'Long'.repeat(2500)
    const result = await buildMarkdown(`${front}# ${heading}\n\nBody.\n`)
    expect(result.ok).toBe(true)
    const pdf = await readPdf(result.pdf)
    // The heading breaks across pages, between running headers and footers: gather its pieces.
    const pieces = pdf.pages.flat().filter((item) => /^[Long]+$/.test(item.text.trim()))
    expect(pieces.map((item) => item.text.trim()).join('')).toBe(heading)
    expect(pdf.outline.flatMap((item) => item.items).map((item) => item.title)).toEqual([heading])
    const epub = await readEpub(result.epub)
    expect(epub.documents[0]!.text).toContain(heading)
  })

  it('reads a heading ending in 100,000 spaces around braces that are no attribute block in one pass, the braces kept', async () => {
    // The first attribute-block expression tried the block at every space: this heading took 62 s.
    const spaces = ' '.repeat(100_000)
    const result = await buildMarkdown(`${front}# Braces${spaces}{#a${spaces}x\n\nA caret that never closes: ^${'a'.repeat(100_000)}\n`, { formats: ['epub'] })
    expect(result.ok).toBe(true)
    const epub = await readEpub(result.epub)
    expect(epub.nav[0]!.children.map((item) => item.text.replace(/\s+/g, ' '))).toEqual(['Braces {#a x'])
    expect(epub.documents[0]!.xhtml).not.toContain('<sup>')
  })
})
