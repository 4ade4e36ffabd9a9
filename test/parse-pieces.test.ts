import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
// The benchmark's deterministic generators double as varied, container-heavy fixtures.
import { article, book, large } from '../bench/generate.js'
import { parseMarkdown } from '../src/parse/markdown.js'
import { findCuts } from '../src/parse/split-blocks.js'
import { liftFigures } from '../src/parse/figures.js'

const TRICKY = [
  '---',
  'title: Tricky',
  '',
  'abstract: a blank line inside frontmatter',
  '---',
  '',
  'A [reference][later] and [Later] and [ LATER ] and a note.[^late] [undefined] stays text.',
  '',
  '---',
  'not frontmatter: a thematic break then a setext heading',
  '---',
  '',
  '- tight',
  '- list',
  '',
  '- loose now',
  '',
  '  continued paragraph',
  '',
  'Paragraph after the list.',
  '',
  '1. ordered',
  '',
  '2) other marker',
  '',
  '> quote one',
  '',
  '> quote two',
  'lazy line',
  '',
  '```md',
  'fenced',
  '',
  'column-0 text inside a fence',
  '',
  '[later]: /not-a-definition',
  '[ghost]: /only-inside-a-fence',
  '```',
  '',
  '~~~~',
  '```',
  '',
  'still fenced',
  '~~~~',
  '',
  '<!--',
  '',
  'comment across blank lines',
  '',
  '-->',
  '',
  '<script>',
  '',
  'x = 1',
  '',
  '</script>',
  '',
  '<div>',
  'html block seven',
  '</div>',
  '',
  '    indented code',
  '',
  '    more code',
  '',
  '| a | b |',
  '| --- | :-: |',
  '| 1 | 2 |',
  '',
  'Tab\tseparated and *emphasis* and ~~strike~~ and www.example.com.',
  '',
  '[^late]: A footnote defined late,',
  '',
  '    with a second paragraph.',
  '',
  '[later]: https://example.org "Title"',
  '',
  '> [^inner]: footnote inside a quote',
  '',
  'Uses [^inner] after its definition, [a label over\ntwo lines] and [ghost], which stays text.',
  '',
  '[a label',
  'over two lines]: /multi',
  '',
].join('\n')

const TABLES = [
  'Intro [ref] paragraph.',
  '',
  '| Town | Code `a\\|b` | Note \\| escaped |',
  '| :--- | :-: | ---: |',
  '| one | `x\\|y` | *em* [ref] |',
  '| two | 2 |',
  '| three | 3 | 3 | extra cell |',
  'a row without pipes continues the table',
  '| four | 4 | 4 |',
  '|five|5|5',
  '',
  '| not | a table |',
  '| --- |',
  '| since | counts differ |',
  '',
  '| a | b |',
  '| - | - |',
  '| 1 | 2 |',
  '| 3 | 4 |',
  '> quoted line ends the table',
  '',
  '> | inside | a quote |',
  '> | --- | --- |',
  '> | q | r |',
  '',
  '| x |',
  '| --- |',
  '| y |',
  '| z |',
  '[ref]: /target',
  '',
].join('\n')

/** Definition lists whose terms, definitions and entries stand apart by blank lines: one list each. */
const DEFINITIONS = [
  'Intro paragraph.',
  '',
  'Term one',
  ':   Its definition.',
  '',
  'Term two',
  '',
  ':   A loose definition, a blank line after its term.',
  '',
  ':   A second definition of term two.',
  '',
  'Term three',
  'Term three, again',
  ': Short.',
  '',
  'A paragraph after the list.',
  '',
  'Another paragraph.',
  '',
  'And a third,',
  'on two lines.',
  '',
  'One more paragraph.',
  '',
  'Last term',
  ': Last definition.',
  '',
].join('\n')

const FIXTURES: Record<string, string> = {
  seed: readFileSync('test/fixtures/seed/article.txt', 'utf8'),
  sections: readFileSync('test/fixtures/sections/input.md', 'utf8'),
  tricky: TRICKY,
  'tricky with CRLF': TRICKY.replace(/\n/g, '\r\n'),
  article: article(3),
  book: book(3),
  large: large(40_000),
  tables: TABLES,
  'definition lists': DEFINITIONS,
  'long table': ['| n | square |', '| --: | --- |', ...Array.from({ length: 400 }, (_, n) => `| ${n} | ${n * n} |`), '', 'After.', ''].join('\n'),
}

describe('parsing in pieces', () => {
  for (const [name, text] of Object.entries(FIXTURES)) {
    it(`gives the one-shot tree for ${name}, cut at every safe place`, () => {
      const whole = parseMarkdown(text, Number.POSITIVE_INFINITY)
      const pieces = parseMarkdown(text, 1)
      expect(pieces).toEqual(whole)
    })
  }

  it('really cuts those texts (the comparison above is not one-shot against itself)', () => {
    for (const [name, text] of Object.entries(FIXTURES)) {
      if (name !== 'seed') expect(findCuts(text, 1).length, name).toBeGreaterThan(3)
    }
  })

  it('never cuts inside frontmatter, fences, HTML comments or before a list item', () => {
    const cutLines = findCuts(TRICKY, 1).map((cut) => TRICKY.split('\n')[cut.line - 1])
    expect(cutLines).not.toContain('column-0 text inside a fence')
    expect(cutLines).not.toContain('[later]: /not-a-definition')
    expect(cutLines).not.toContain('still fenced')
    expect(cutLines).not.toContain('comment across blank lines')
    expect(cutLines).not.toContain('x = 1')
    expect(cutLines).not.toContain('abstract: a blank line inside frontmatter')
    expect(cutLines).not.toContain('- loose now')
    expect(cutLines).not.toContain('2) other marker')
    expect(cutLines).toContain('Paragraph after the list.')
  })

  it('never cuts a definition list: not before a definition, nor before a term', () => {
    const cutLines = findCuts(DEFINITIONS, 1).map((cut) => DEFINITIONS.split('\n')[cut.line - 1])
    expect(cutLines).toEqual(['A paragraph after the list.', 'Another paragraph.', 'And a third,', 'One more paragraph.'])
    expect(parseMarkdown(DEFINITIONS, 1).children.map((node) => node.type)).toEqual(['paragraph', 'defList', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'defList'])
  })

  it('cuts long tables between rows, and joins their rows into one table', () => {
    const text = FIXTURES['long table']!
    expect(findCuts(text, 1).filter((cut) => cut.table).length).toBeGreaterThan(390)
    const tree = parseMarkdown(text, 100)
    expect(tree.children.map((node) => node.type)).toEqual(['table', 'paragraph'])
    expect(tree.children[0]!.type === 'table' && tree.children[0].children.length).toBe(401)
    expect(findCuts(TABLES, 1).filter((cut) => cut.table).map((cut) => TABLES.split('\n')[cut.line - 1])).toEqual(['| two | 2 |', '| three | 3 | 3 | extra cell |', '| 3 | 4 |', '| z |'])
  })

  it('falls back to cutting between blocks when a table row starts a table GFM does not see', () => {
    // One header cell by the scanner's count (it takes `\|` for an escaped pipe); two for GFM,
    // which reads an escaped backslash and a pipe, so there is no table at all.
    const text = ['| a \\\\| b |', '| - |', '| 1 |', '| 2 |', ''].join('\n')
    expect(findCuts(text, 1).some((cut) => cut.table)).toBe(true)
    expect(parseMarkdown(text, Number.POSITIVE_INFINITY).children.map((node) => node.type)).toEqual(['paragraph'])
    expect(parseMarkdown(text, 1)).toEqual(parseMarkdown(text, Number.POSITIVE_INFINITY))
  })

  it('resolves references to definitions in other pieces', () => {
    const tree = parseMarkdown(TRICKY, 1)
    const types = JSON.stringify(tree)
    expect(types).toContain('"type":"linkReference"')
    expect(types).toContain('"type":"footnoteReference"')
  })
})

describe('figures lifted out of running text', () => {
  const blocks = (markdown: string) => {
    const tree = parseMarkdown(markdown)
    liftFigures(tree)
    return tree.children.map((node) => (node.type === 'paragraph' ? node.children.map((child) => (child.type === 'text' ? child.value : child.type)).join('|') : node.type))
  }

  it('splits a paragraph around each titled image, by URL or by reference, and leaves untitled ones inline', () => {
    expect(blocks('Before ![a](a.png "A") middle ![b][b] after ![c](c.png) end.\n\n[b]: b.png "B"\n')).toEqual(['Before', 'image', 'middle', 'imageReference', 'after |image| end.', 'definition'])
    const quote = parseMarkdown('> Quote ![a](a.png "A")\n')
    liftFigures(quote)
    expect((quote.children[0] as { children: unknown[] }).children).toHaveLength(2)
    expect(blocks('![a](a.png "A")\nnext line\n')).toEqual(['image', 'next line'])
  })
})
