/** Smart punctuation (pandoc's `smart`): curly quotes, dashes and ellipses in both outputs, never in code. */
import { describe, expect, it } from 'vitest'
import { smartenText } from '../src/parse/smart-punctuation.js'
import { buildMarkdown } from './helpers/build.js'
import { readEpub } from './helpers/epub.js'
import { compactText, normalizeText, readPdf } from './helpers/pdf.js'

const MARKDOWN = `---
title: It's a "test" -- of quotes
---

She said "hello" and 'goodbye' -- then... the '90s; "*emphasis*" and "[a link](#dont-panic)". O'Neil's 1980--1990 --- done.

## Don't "panic"

> "Quoted," he said, "and 'nested' too."

Code \`"x" -- 'y'...\` and <https://example.org/a--b...c> stay as typed.

\`\`\`
"code" -- 'kept'...
\`\`\`
`

describe('smart punctuation', () => {
  it('curls quotes by what stands around them, and turns --- -- ... into — – …', () => {
    expect(smartenText(`"Hello," she said. 'It's the '90s' -- or 1990--1999... "(yes)" ---`)).toBe('“Hello,” she said. ‘It’s the ’90s’ – or 1990–1999… “(yes)” —')
    expect(smartenText('"quoted"')).toBe('“quoted”')
    expect(smartenText(`rock'n'roll isn't`)).toBe('rock’n’roll isn’t')
  })

  it('sets the text of both outputs so, leaves code, inline code and addresses as typed, and keeps GitHub’s heading ids', async () => {
    const built = await buildMarkdown(MARKDOWN)
    expect(built.messages).toEqual([])
    const view = await readPdf(built.pdf)
    // pdf.js splits a line where the face changes (emphasis): compare without spaces.
    const pdf = compactText(view.text)
    const epub = await readEpub(built.epub)
    const xhtml = epub.documents.map((document) => document.xhtml).join('\n')
    const text = normalizeText(epub.documents.map((document) => document.text).join(' '))
    for (const phrase of ['She said “hello” and ‘goodbye’ – then… the ’90s;', '“emphasis” and “a link”.', 'O’Neil’s 1980–1990 — done.', 'Don’t “panic”', '“Quoted,” he said, “and ‘nested’ too.”']) {
      expect(pdf).toContain(compactText(phrase))
      expect(text).toContain(phrase)
    }
    for (const typed of [`"x" -- 'y'...`, 'https://example.org/a--b...c', `"code" -- 'kept'...`]) {
      expect(pdf).toContain(compactText(typed))
      expect(text).toContain(typed)
    }
    // The link written for GitHub's id of the heading as typed still finds it.
    expect(xhtml).toContain('id="dont-panic"')
    expect(xhtml).toContain('href="#dont-panic"')
    // The title too, in the metadata of both.
    expect(epub.metadata['dc:title']).toEqual(['It’s a “test” – of quotes'])
    expect(view.info.Title).toBe('It’s a “test” – of quotes')
  })

  it('is off for a document whose frontmatter says `smart: false`', async () => {
    const built = await buildMarkdown(`---\ntitle: Plain\nsmart: false\n---\n\nShe said "hello" -- it's...\n`)
    expect(built.messages).toEqual([])
    expect(normalizeText((await readPdf(built.pdf)).text)).toContain(`She said "hello" -- it's...`)
  })
})
