import { describe, expect, it } from 'vitest'
import { buildMarkdown } from './helpers/build.js'
import { readEpub } from './helpers/epub.js'
import { readPdf } from './helpers/pdf.js'

const hostile = [
  '---\ntitle: Hostile HTML\n---\n',
  '[click](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) [d](vbscript:x) [e](data:text/html,x) [ref][g] [fine](https://example.org/)',
  '<script>alert(1)</script>',
  '<p onclick="x()">para <a href="javascript:y()">js</a></p>',
  '<iframe src="https://example.org/frame"></iframe>',
  '<link rel=stylesheet href="https://example.org/x.css">',
  '<style>body{display:none}</style>',
  'Inline <span onmouseover="z()">hover</span> and <img src="https://example.org/y.png" onerror="z()" alt="img">.',
  '[g]: javascript:alert(4)',
].join('\n\n')

describe('raw HTML and hostile links', () => {
  it('carry no script, event handler, javascript: URL, iframe or external stylesheet into the EPUB', async () => {
    const result = await buildMarkdown(`${hostile}\n`)
    expect(result.ok).toBe(true)
    const { documents, files } = await readEpub(result.epub)
    const xhtml = documents.map((doc) => doc.xhtml).join('\n')
    expect(xhtml).not.toMatch(/<script|<iframe|<style|<object|<embed/i)
    expect(xhtml).not.toMatch(/\son[a-z]+\s*=/i)
    expect(xhtml).not.toMatch(/(javascript|vbscript|data):/i)
    expect([...xhtml.matchAll(/<link[^>]*href="([^"]*)"/g)].map((match) => match[1])).toEqual(['style.css'])
    expect(files.filter((name) => /\.css$/.test(name))).toEqual(['OEBPS/style.css'])
    expect(documents[0]!.text).toContain('click b d e ref fine')
  })

  it('make no PDF link annotation of a javascript: or data: URL', async () => {
    const result = await buildMarkdown(`${hostile}\n`, { formats: ['pdf'] })
    const pdf = await readPdf(result.pdf)
    expect(pdf.links).toEqual(['https://example.org/'])
  })
})
