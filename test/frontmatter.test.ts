import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parse } from '../src/index.js'
import { resolveBuildDate } from '../src/parse/index.js'

const parseText = (text: string, name = 'doc.md') => {
  const file = new VFile({ path: name, value: text })
  const document = parse(file)
  return { document, messages: file.messages.map((message) => `${message.line}:${message.column}: ${message.reason}`) }
}

describe('frontmatter', () => {
  it('reads pandoc’s keys into typed metadata', () => {
    const { document, messages } = parseText('---\ntitle: T\nsubtitle: S\nauthor: [A, B]\ndate: 2020-05-11\nlang: fr\npublisher: P\nrights: R\ndescription: D\nkeywords: x, y\nidentifier: isbn:1\nsource: https://s\nimage-credit: C\n---\n\nText.\n')
    expect(messages).toEqual([])
    expect(document.meta).toEqual({ title: 'T', subtitle: 'S', authors: ['A', 'B'], date: '2020-05-11', lang: 'fr', publisher: 'P', rights: 'R', description: 'D', keywords: ['x', 'y'], identifier: 'isbn:1', source: 'https://s', credits: ['C'] })
  })

  it('reads pandoc’s `toc` and `toc-depth`, and warns about values it cannot use', () => {
    expect(parseText('---\ntitle: T\ntoc: true\ntoc-depth: 3\n---\n').document.meta).toMatchObject({ toc: true, tocDepth: 3 })
    expect(parseText('---\ntitle: T\ntoc: false\n---\n').document.meta.toc).toBe(false)
    expect(parseText('---\ntitle: T\ntoc: yes please\ntoc-depth: 9\n---\n').messages).toEqual([
      '3:1: frontmatter `toc`: expected true or false, got "yes please"; the key is ignored',
      '4:1: frontmatter `toc-depth`: expected a heading level from 1 to 6, got 9; the key is ignored',
    ])
  })

  it('reads pandoc’s `abstract` as Markdown: paragraphs of plain text, punctuation set; it is the description unless one is stated', () => {
    const { document, messages } = parseText('---\ntitle: T\nabstract: |\n  It *documents* "attacks" --\n  from [sources](https://x).\n\n  A second paragraph.\nabstract-title: Résumé\n---\n')
    expect(messages).toEqual([])
    expect(document.meta.abstract).toEqual(['It documents “attacks” – from sources.', 'A second paragraph.'])
    expect(document.meta.abstractTitle).toBe('Résumé')
    expect(document.meta.description).toBe('It documents “attacks” – from sources. A second paragraph.')
    expect(parseText('---\ntitle: T\nabstract: Long.\ndescription: Short.\n---\n').document.meta.description).toBe('Short.')
  })

  it('reads pandoc’s `papersize` as a page size, LaTeX’s `a4paper` too, and warns about one it does not know', () => {
    expect(parseText('---\ntitle: T\npapersize: letter\n---\n').document.meta.paperSize).toBe('LETTER')
    expect(parseText('---\ntitle: T\npapersize: a4paper\n---\n').document.meta.paperSize).toBe('A4')
    expect(parseText('---\ntitle: T\npapersize: b9\n---\n').messages).toEqual(['3:1: frontmatter `papersize`: expected one of a3, a4, a5, a6, b5, letter, legal, executive, got "b9"; the key is ignored'])
  })

  it('accepts pandoc’s author objects and a single author string', () => {
    expect(parseText('---\ntitle: T\nauthor:\n  - name: Ada\n---\n').document.meta.authors).toEqual(['Ada'])
    expect(parseText('---\ntitle: T\nauthor: Ada\n---\n').document.meta.authors).toEqual(['Ada'])
  })

  it('warns about a wrong type and an unknown key, at their lines, suggesting the nearest key', () => {
    const { messages } = parseText('---\ntitle: T\nauthor: 3\nautor: Ada\n---\n')
    expect(messages).toEqual([
      '3:1: frontmatter `author`: expected a string or a list of strings, got 3; the key is ignored',
      '4:1: unknown frontmatter key `autor` is ignored; did you mean `author`?',
    ])
  })

  it('fails on invalid YAML with the position inside the file', () => {
    expect(() => parseText('---\ntitle: T\nbad: [1, 2\n---\n')).toThrow(/invalid YAML in frontmatter/)
    const file = new VFile({ path: 'x.md', value: '---\ntitle: T\n  - nope: [\n---\n' })
    try {
      parse(file)
    } catch {}
    expect(file.messages[0]!.line).toBeGreaterThanOrEqual(2)
  })

  it('falls back to the first h1, then the file name, with a warning', () => {
    const fromHeading = parseText('Intro.\n\n# The Heading\n\nText.\n')
    expect(fromHeading.document.meta.title).toBe('The Heading')
    expect(fromHeading.messages).toEqual(['3:1: no `title` in frontmatter: using the first heading; add `title:` to the frontmatter'])
    const fromName = parseText('Just text.\n', 'dir/my-notes.md')
    expect(fromName.document.meta.title).toBe('my-notes')
    expect(fromName.messages[0]).toMatch(/using the file name "my-notes"/)
  })

  it('derives the identifier from the content: equal texts, equal ids; different texts, different ids', () => {
    const a = parseText('---\ntitle: T\n---\nA\n').document.contentId
    expect(parseText('---\ntitle: T\n---\nA\n').document.contentId).toBe(a)
    expect(parseText('---\ntitle: T\n---\nB\n').document.contentId).not.toBe(a)
  })

  it('takes the build date from the document, else SOURCE_DATE_EPOCH, else 1980-01-01', () => {
    expect(resolveBuildDate('2020-05-11', {}).toISOString()).toBe('2020-05-11T00:00:00.000Z')
    expect(resolveBuildDate(undefined, { SOURCE_DATE_EPOCH: '1700000000' }).toISOString()).toBe('2023-11-14T22:13:20.000Z')
    expect(resolveBuildDate(undefined, {}).toISOString()).toBe('1980-01-01T00:00:00.000Z')
  })
})
