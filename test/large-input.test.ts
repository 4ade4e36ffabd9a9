/**
 * Huge input at a size that proves the behaviour within CI's budget: a paragraph of 600 kB (the
 * line breaker was quadratic in it: 400 kB took 23 s),
 * a table of 5,000 rows, a document of several megabytes. Each builds completely, every word and
 * row kept; nothing asserts time (the benchmark measures it: `npm run bench`).
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { large } from '../bench/generate.js'
import { offprint, project } from './helpers/cli.js'
import { readEpub } from './helpers/epub.js'
import { hasTool, pdftotext } from './helpers/tools.js'

const front = (title: string) => `---\ntitle: ${title}\n---\n\n`
const outputs = (dir: string) => readdirSync(path.join(dir, 'output')).filter((name) => !name.startsWith('.')).sort()
const pages = (stdout: string) => Number(/(\d+) pages?/.exec(stdout)?.[1])

describe('huge input', () => {
  it('builds a paragraph of 600 kB (one line, no blank line) into both formats, every word kept', async () => {
    // Numbered words: each one's presence and order can be checked.
    const words = Array.from({ length: 90_000 }, (_, index) => `w${index}`)
    const text = words.join(' ')
    expect(text.length).toBeGreaterThan(600_000)
    const dir = project({ 'content/paragraph.md': `${front('One paragraph')}${text}\n` })
    const result = await offprint(['build', '--no-cache'], dir)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(outputs(dir)).toEqual(['paragraph.epub', 'paragraph.pdf'])
    // Justified lines of about a dozen words, 40 to a page.
    expect(pages(result.stdout)).toBeGreaterThan(120)
    const epubWords = (await readEpub(path.join(dir, 'output/paragraph.epub'))).documents.map((document) => document.text).join(' ').split(' ')
    expect(epubWords.filter((word) => /^w\d+$/.test(word))).toEqual(words)
    if (hasTool('pdftotext')) {
      // Hyphenated line ends join again; the header and footer lines are no words of the text.
      const pdfWords = pdftotext(path.join(dir, 'output/paragraph.pdf')).replace(/-\n/g, '').split(/\s+/)
      expect(pdfWords.filter((word) => /^w\d+$/.test(word))).toEqual(words)
    }
  })

  it('builds a table of 5,000 rows into both formats, every row in order, the header repeated on each PDF page', async () => {
    const rows = Array.from({ length: 5000 }, (_, index) => `| r${index} | ${index * 7} | note ${index} |`)
    const dir = project({ 'content/table.md': `${front('A long table')}| Row | Value | Note |\n| --- | ---: | --- |\n${rows.join('\n')}\n\nAfter the table.\n` })
    const result = await offprint(['build', '--no-cache'], dir)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const epub = await readEpub(path.join(dir, 'output/table.epub'))
    const xhtml = epub.documents.map((document) => document.xhtml).join('')
    expect(xhtml.match(/<table>/g)).toHaveLength(1)
    expect(xhtml.match(/<tr>/g)).toHaveLength(5001)
    const epubText = epub.documents.map((document) => document.text).join(' ')
    expect(epubText.match(/\br\d+\b/g)).toEqual(rows.map((_, index) => `r${index}`))
    expect(epubText).toContain('After the table.')
    const count = pages(result.stdout)
    expect(count).toBeGreaterThan(80)
    if (hasTool('pdftotext')) {
      const text = pdftotext(path.join(dir, 'output/table.pdf'))
      expect(text.match(/\br\d+\b/g)).toEqual(rows.map((_, index) => `r${index}`))
      // The header row opens every page the table runs over.
      expect(text.match(/\bRow\b/g)!.length).toBeGreaterThanOrEqual(count - 2)
      expect(text).toContain('After the table.')
    }
  })

  it('builds a document of 2 MB of lists, quotes, tables, code and references to definitions at its end (EPUB)', async () => {
    const source = large(2 * 1024 * 1024)
    const dir = project({ 'content/big.md': source })
    const result = await offprint(['build', '--no-cache', '--format', 'epub'], dir)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(outputs(dir)).toEqual(['big.epub'])
    const epub = await readEpub(path.join(dir, 'output/big.epub'))
    const parts = [...source.matchAll(/^## (Part \d+)$/gm)].map((match) => match[1])
    expect(parts.length).toBeGreaterThan(50)
    expect(epub.nav.flatMap((item) => item.children).map((item) => item.text)).toEqual(parts)
    const xhtml = epub.documents.map((document) => document.xhtml).join('')
    // Every reference found its definition, across the whole text: links and numbered notes.
    expect(xhtml.match(/href="https:\/\/example\.org\/source\/\d+"/g)!.length).toBe(source.match(/\]\[src\d+\]/g)!.length)
    expect(xhtml).not.toMatch(/\[src\d+\]|\[\^n\d+\]/)
    // Every table and every code block is there, and every table row.
    expect(xhtml.match(/<table>/g)!.length).toBe(source.match(/^\| Town \|/gm)!.length)
    expect(xhtml.match(/<pre>/g)!.length).toBe(source.match(/^```js$/gm)!.length)
    expect(xhtml.match(/<tr>/g)!.length).toBe(source.match(/^\| (?!---)/gm)!.length)
  })
})
