import { offprint } from './helpers/cli.js'
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import { checkTree, checkWords, words } from '../src/verify/checks.js'
import { buildMarkdown } from './helpers/build.js'


const MARKDOWN = `---
title: Verified Copy
author: Grace Hopper
source: https://example.org/verified
rights: CC BY 4.0
---

# Findings

The committee found [three problems](#remedies) and one footnote[^1] (its mark right after the word).

## Remedies

1. First remedy.
2. Second remedy.

| Year | Count |
| ---- | ----- |
| 2020 | 12    |

Table: Counts by year, as the caption's own words.

    console.log("code words")

[^1]: A footnote about the findings.
`


describe('offprint verify', () => {
  let build: Awaited<ReturnType<typeof buildMarkdown>>
  let other: Awaited<ReturnType<typeof buildMarkdown>>

  beforeAll(async () => {
    build = await buildMarkdown(MARKDOWN)
    other = await buildMarkdown('---\ntitle: Another Text\n---\n\n# Elsewhere\n\nUnrelated words entirely.\n')
    expect(build.ok && other.ok).toBe(true)
  })

  it('passes every check for a fresh build and exits 0', async () => {
    const result = await offprint(['verify', 'content/doc.md', '--out', 'output'], build.dir)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const lines = result.stdout.split('\n')
    // 42 words: a caption's words count, and a note's mark right after a word leaves the word whole.
    expect(result.stdout).toContain('EPUB has the source’s words: 100.0% (42 of 42)')
    for (const check of ['PDF title and attribution: 4 lines', 'EPUB title and attribution: 4 lines', 'PDF outline = heading tree: 3 entries', 'PDF structure headings = heading tree: 3 headings', 'EPUB nav = heading tree: 3 entries', 'PDF has the source’s words: 100.0%', 'EPUB has the source’s words: 100.0%', 'PDF internal links resolve:', 'EPUB internal links resolve:']) {
      expect(lines.some((line) => line.startsWith('  ok    ') && line.includes(check)), check).toBe(true)
    }
    expect(result.stdout).toMatch(/PDF internal links resolve: [1-9]\d* links/)
    expect(result.stdout).toMatch(/  (ok  |skip)  epubcheck: /)
    expect(result.stdout).toContain('verified 1 document(s): 1 passed, 0 failed')
  })

  it('passes a document whose headings are not all sections: quoted, in a list, unlisted', async () => {
    const built = await buildMarkdown('---\ntitle: Sections\n---\n\n## One\n\nText.\n\n> ## Quoted\n\n- ### In a list\n\n## Thanks {.unlisted}\n\nTo all.\n')
    const result = await offprint(['verify', 'content/doc.md', '--out', 'output'], built.dir)
    expect(result.stdout).toContain('ok    PDF structure headings = heading tree: 5 headings')
    expect(result.stdout).toContain('ok    PDF outline = heading tree: 2 entries')
    expect(result.code).toBe(0)
  })

  it('fails, naming what differs, when the outputs are of another document', async () => {
    copyFileSync(other.pdf, path.join(build.dir, 'output/doc.pdf'))
    const result = await offprint(['verify', 'content/doc.md'], build.dir)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('FAIL  PDF title and attribution: title is "Another Text", expected "Verified Copy"')
    expect(result.stdout).toMatch(/FAIL {2}PDF outline = heading tree: entry 1: expected "Verified Copy"/)
    expect(result.stdout).toMatch(/FAIL {2}PDF has the source’s words: \d+\.\d% .*missing e\.g\./)
    expect(result.stdout).toMatch(/ok {4}EPUB nav = heading tree/)
    expect(result.stdout).toContain('0 passed, 1 failed')
  })

  it('rebuilds, checks the fresh outputs, and tells whether the kept ones are byte-identical', async () => {
    copyFileSync(other.pdf, path.join(build.dir, 'output/doc.pdf'))
    const result = await offprint(['verify', 'content/doc.md', '--rebuild'], build.dir)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('FAIL  output/doc.pdf = a fresh build: differs')
    expect(result.stdout).toContain('ok    output/doc.epub = a fresh build: byte-identical')
    expect(result.stdout).toMatch(/ok {4}PDF title and attribution/)
  })

  it('finds an EPUB link whose target is gone', async () => {
    const fresh = await buildMarkdown(MARKDOWN)
    const zip = await JSZip.loadAsync(readFileSync(fresh.epub))
    const body = await zip.file('OEBPS/text.xhtml')!.async('string')
    expect(body).toContain('id="remedies"')
    zip.file('OEBPS/text.xhtml', body.replace('id="remedies"', 'id="gone"'))
    writeFileSync(fresh.epub, await zip.generateAsync({ type: 'nodebuffer' }))
    const result = await offprint(['verify', 'content/doc.md'], fresh.dir)
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/FAIL {2}EPUB internal links resolve: 1 broken: text\.xhtml#remedies/)
  })

  it('fails when the outputs are missing, and exits 2 when there is nothing to verify', async () => {
    const missing = await offprint(['verify', 'content/doc.md', '--out', 'elsewhere'], build.dir)
    expect(missing.code).toBe(1)
    expect(missing.stdout).toContain('FAIL  outputs exist: not found: elsewhere/doc.pdf, elsewhere/doc.epub')
    expect((await offprint(['verify', 'no-such-folder'], build.dir)).code).toBe(2)
  })
})

describe('the checks', () => {
  it('requires 99.5% of the source words, counting repetitions', async () => {
    const source = words(Array.from({ length: 200 }, (_, index) => `word${index}`).join(' '))
    expect(checkWords('w', source, source.join(' ')).status).toBe('ok')
    expect(checkWords('w', source, source.slice(1).join(' ')).status).toBe('ok')
    expect(checkWords('w', source, source.slice(2).join(' '))).toMatchObject({ status: 'fail', detail: '99.0% (198 of 200); missing e.g. word0, word1' })
    expect(checkWords('w', words('again again again'), 'again').status).toBe('fail')
    expect(checkWords('w', words('an example here'), 'an exam- ple here').status).toBe('ok')
  })

  it('finds the words of Thai set over several lines, as pdf.js reads them', () => {
    // A sentence written without spaces, broken over two lines between ต่อ and คำ; pdf.js also
    // guesses a gap after an above-base vowel (หรื อ) and reads a pre-base vowel's glyph as U+2060.
    const source = words('ภาษาไทยเป็นภาษาที่มีระดับเสียงของคำแน่นอนหรือวรรณยุกต์และออกเสียงแยกคำต่อคำ')
    expect(source).toContain('วรรณยุกต์')
    expect(checkWords('w', source, 'ภาษาไทยเป็นภาษาที่มีระดับเสียงของคำแน่นอนหรื อวรรณยุกต์และออกเสียงแยกคำต่อ\nคำ\u2060').status).toBe('ok')
    expect(checkWords('w', source, 'ภาษาไทยเป็นภาษาที่มีระดับเสียงของคำแน่นอน').status).toBe('fail')
  })

  it('reports the first entry where two heading trees differ', async () => {
    const tree = [{ text: 'Title', children: [{ text: 'One', children: [{ text: 'One.a', children: [] }] }, { text: 'Two', children: [] }] }]
    expect(checkTree('t', tree, structuredClone(tree)).status).toBe('ok')
    const flat = [{ text: 'Title', children: [{ text: 'One', children: [] }, { text: 'One.a', children: [] }, { text: 'Two', children: [] }] }]
    expect(checkTree('t', tree, flat)).toMatchObject({ status: 'fail', detail: 'entry 3: expected "One.a" at level 3, found "One.a" at level 2' })
  })
})

describe('the word check', () => {
  it('finds a word split at a line end by a soft hyphen that extraction drops, and still misses a lost one', async () => {
    const { checkWords, words } = await import('../src/verify/checks.js')
    const source = words('international aid workers, videos')
    expect(checkWords('PDF', source, 'international aid work ers, videos').status).toBe('ok')
    expect(checkWords('PDF', source, 'international aid ers, videos').detail).toContain('missing e.g. workers')
  })
})
