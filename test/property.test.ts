import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildMarkdown } from './helpers/build.js'
import { readEpub } from './helpers/epub.js'
import { compactText, readPdf } from './helpers/pdf.js'
import { epubcheckMany, hasTool } from './helpers/tools.js'

/**
 * Generated documents: mixed constructs over several scripts, with the edge cases authors actually
 * write (entities, footnotes, task boxes, reference links, missing images, hard breaks, very long
 * words, zero-width spaces, decomposed accents, emoji). Each case knows the words a reader must find.
 * FC_SEED and FC_RUNS reproduce or widen a run; a failure prints the document that failed.
 */
const SCRIPTS = {
  latin: [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèçñüößåøæłšžőĳ'],
  greek: [...'αβγδεζηθλμπσωΩΔ'],
  cyrillic: [...'жзиклмнопрстуфцчшщыэюяЖЯ'],
  han: [...'漢字文書記録平和'],
  kana: [...'ひらがなカタカナ'],
  hangul: [...'한국어문서'],
  arabic: [...'كتابالسلام'],
  hebrew: [...'שלוםספר'],
  devanagari: ['न', 'म', 'स', 'त', 'क'],
}

const wordIn = (letters: string[], maxLength = 12) => fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength }).map((chars) => chars.join(''))
const word = fc.oneof({ weight: 6, arbitrary: wordIn(SCRIPTS.latin) }, ...Object.values(SCRIPTS).slice(1).map((letters) => wordIn(letters, 6)))
const words = fc.array(word, { minLength: 1, maxLength: 12 })

/** A piece of Markdown and the words a reader must find in both outputs. */
interface Piece {
  markup: string
  words: string[]
  /** Definitions (footnotes, link references) appended at the end of the document. */
  definitions?: string[]
}

let footnotes = 0
const inline: fc.Arbitrary<Piece> = fc.tuple(word, fc.constantFrom('plain', 'emphasis', 'strong', 'code', 'link', 'reference', 'strike', 'zero-width', 'entity', 'decomposed', 'footnote', 'sup', 'kbd', 'emoji', 'long', 'hard-break', 'missing-image')).map(([text, kind]): Piece => {
  switch (kind) {
    case 'emphasis': return { markup: `*${text}*`, words: [text] }
    case 'strong': return { markup: `**${text}**`, words: [text] }
    case 'code': return { markup: `\`${text}\``, words: [text] }
    case 'link': return { markup: `[${text}](https://example.org/${encodeURIComponent(text)})`, words: [text] }
    case 'reference': return { markup: `[${text}][ref-${text.length}]`, words: [text], definitions: [`[ref-${text.length}]: https://example.org/r`] }
    case 'strike': return { markup: `~~${text}~~`, words: [text] }
    case 'zero-width': return { markup: `${text}\u200B`, words: [text] }
    case 'entity': return { markup: `${text}&amp;caf&eacute;`, words: [`${text}&café`] }
    case 'decomposed': return { markup: `${text}e\u0301`, words: [`${text}é`] }
    case 'footnote': {
      const label = `n${++footnotes}`
      return { markup: `${text}[^${label}]`, words: [text], definitions: [`[^${label}]: Note ${label} ${text}.`] }
    }
    case 'sup': return { markup: `<sup>${text}</sup>`, words: [text] }
    case 'kbd': return { markup: `<kbd>${text}</kbd>`, words: [text] }
    case 'emoji': return { markup: `${text} 🙂 ✓ →`, words: [text] }
    case 'long': return { markup: text.repeat(Math.ceil(70 / text.length)), words: [text.repeat(Math.ceil(70 / text.length))] }
    case 'hard-break': return { markup: `${text}\\\n`, words: [text] }
    case 'missing-image': return { markup: `![${text}](missing-${text.length}.png)`, words: [text] }
    default: return { markup: text, words: [text] }
  }
})

const join = (parts: Piece[], separator = ' '): Piece => ({
  markup: parts.map((part) => part.markup).join(separator),
  words: parts.flatMap((part) => part.words),
  definitions: parts.flatMap((part) => part.definitions ?? []),
})
const sentence = fc.array(inline, { minLength: 1, maxLength: 14 }).map((parts) => join(parts))

/** A block of Markdown and the words it holds. */
const block: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 3, arbitrary: sentence },
  fc.tuple(fc.integer({ min: 1, max: 6 }), words).map(([depth, list]) => ({ markup: `${'#'.repeat(depth)} ${list.join(' ')}`, words: list })),
  fc.tuple(fc.constantFrom('ordered', 'bullet', 'task', 'nested'), fc.integer({ min: 1, max: 99 }), fc.array(sentence, { minLength: 1, maxLength: 4 })).map(([kind, start, items]) => {
    const marker = (index: number) => (kind === 'ordered' ? `${start + index}.` : kind === 'task' ? `- [${index % 2 ? 'x' : ' '}]` : '-')
    const lines = items.map((item, index) => `${kind === 'nested' && index > 0 ? '  '.repeat(Math.min(index, 3)) : ''}${marker(index)} ${item.markup}`)
    return { ...join(items), markup: lines.join('\n') }
  }),
  fc.array(sentence, { minLength: 1, maxLength: 3 }).map((lines) => ({ ...join(lines), markup: lines.map((line) => `> ${line.markup}`).join('\n>\n') })),
  fc.tuple(fc.constantFrom('', 'js', 'python', 'text'), words).map(([lang, list]) => ({ markup: `\`\`\`${lang}\n${list.join(' ')}\n\`\`\``, words: list })),
  fc.tuple(word, word, fc.array(fc.tuple(word, word), { minLength: 1, maxLength: 5 })).map(([a, b, rows]) => ({
    markup: [`| ${a} | ${b} |`, '| :-- | --: |', ...rows.map(([c, d]) => `| ${c} | ${d} |`)].join('\n'),
    words: [a, b, ...rows.flat()],
  })),
  fc.constant({ markup: '---', words: [] as string[] }),
)

const document = fc.tuple(words, fc.array(block, { minLength: 1, maxLength: 10 })).map(([title, blocks]) => {
  const body = join(blocks, '\n\n')
  return {
    markdown: `---\ntitle: "${title.join(' ')}"\n---\n\n${body.markup}\n\n${[...new Set(body.definitions)].join('\n\n')}\n`,
    words: body.words,
  }
})

describe('generated documents', () => {
  it('always build; the PDF parses; every word survives in both outputs; sampled EPUBs pass epubcheck', async () => {
    const checked: string[] = []
    await fc.assert(
      fc.asyncProperty(document, async ({ markdown, words: expected }) => {
        const result = await buildMarkdown(markdown)
        expect(result.messages.filter((message) => message.fatal).map(String)).toEqual([])
        expect(result.ok).toBe(true)
        const view = await readPdf(result.pdf)
        // Nothing is set past the page's edges (a line wider than the measure once ran off it).
        const outside = view.pages.flatMap((items, page) => items.filter((item) => item.x < 0 || item.x + item.width > view.pageWidths[page]! + 0.5))
        expect(outside.map((item) => item.text)).toEqual([])
        // Words contain no hyphen: one drawn at a line end is no part of them.
        const pdf = compactText(view.text).replace(/-/g, '').normalize('NFC')
        const epub = compactText((await readEpub(result.epub)).documents.map((doc) => doc.text).join(' ')).normalize('NFC')
        for (const text of expected) {
          expect(pdf).toContain(text)
          expect(epub).toContain(text)
        }
        if (checked.length < 4) checked.push(result.epub)
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 40), seed: Number(process.env.FC_SEED ?? 7), endOnFailure: true },
    )
    if (hasTool('epubcheck')) expect(await epubcheckMany(checked)).toMatchObject({ failed: 0 })
  })
})
