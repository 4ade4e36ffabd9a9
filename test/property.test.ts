import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildMarkdown } from './helpers/build.js'
import { readEpub } from './helpers/epub.js'
import { compactText, readPdf } from './helpers/pdf.js'
import { epubcheck, hasTool } from './helpers/tools.js'

/** Letters the default fonts carry: Latin with diacritics, Greek, Cyrillic. */
const LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèçñüößåøæłšžőαβγδεζηθλμπσωжзиклмнопрстуфцчшщыэюя']

const word = fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 12 }).map((letters) => letters.join(''))
const words = fc.array(word, { minLength: 1, maxLength: 12 })

/** A word, maybe marked up inline; the word itself is what a reader must find. */
const inline = fc.tuple(word, fc.constantFrom('plain', 'emphasis', 'strong', 'code', 'link', 'strike', 'zero-width')).map(([text, kind]) => {
  const markup = { plain: text, emphasis: `*${text}*`, strong: `**${text}**`, code: `\`${text}\``, link: `[${text}](https://example.org/${encodeURIComponent(text)})`, strike: `~~${text}~~`, 'zero-width': `${text}\u200B` }[kind]
  return { markup, words: [text] }
})
const sentence = fc.array(inline, { minLength: 1, maxLength: 14 }).map((parts) => ({ markup: parts.map((part) => part.markup).join(' '), words: parts.flatMap((part) => part.words) }))

/** A block of Markdown and the words it holds. */
const block = fc.oneof(
  sentence,
  fc.tuple(fc.integer({ min: 1, max: 4 }), words).map(([depth, list]) => ({ markup: `${'#'.repeat(depth)} ${list.join(' ')}`, words: list })),
  fc.tuple(fc.boolean(), fc.array(sentence, { minLength: 1, maxLength: 4 })).map(([ordered, items]) => ({
    markup: items.map((item, index) => `${ordered ? `${index + 1}.` : '-'} ${item.markup}`).join('\n'),
    words: items.flatMap((item) => item.words),
  })),
  fc.array(sentence, { minLength: 1, maxLength: 3 }).map((lines) => ({ markup: lines.map((line) => `> ${line.markup}`).join('\n>\n'), words: lines.flatMap((line) => line.words) })),
  words.map((list) => ({ markup: `\`\`\`\n${list.join(' ')}\n\`\`\``, words: list })),
  fc.tuple(word, word, fc.array(fc.tuple(word, word), { minLength: 1, maxLength: 5 })).map(([a, b, rows]) => ({
    markup: [`| ${a} | ${b} |`, '| --- | --- |', ...rows.map(([c, d]) => `| ${c} | ${d} |`)].join('\n'),
    words: [a, b, ...rows.flat()],
  })),
  fc.constant({ markup: '---', words: [] as string[] }),
)

const document = fc.tuple(words, fc.array(block, { minLength: 1, maxLength: 10 })).map(([title, blocks]) => ({
  markdown: `---\ntitle: ${title.join(' ')}\n---\n\n${blocks.map((item) => item.markup).join('\n\n')}\n`,
  words: blocks.flatMap((item) => item.words),
}))

describe('generated documents', () => {
  it('always build; the PDF parses; every word survives in both outputs; sampled EPUBs pass epubcheck', async () => {
    const checked: string[] = []
    await fc.assert(
      fc.asyncProperty(document, async ({ markdown, words: expected }) => {
        const result = await buildMarkdown(markdown)
        expect(result.messages.filter((message) => message.fatal).map(String)).toEqual([])
        expect(result.ok).toBe(true)
        const pdf = compactText((await readPdf(result.pdf)).text)
        const epub = compactText((await readEpub(result.epub)).documents.map((doc) => doc.text).join(' '))
        for (const text of expected) {
          expect(pdf).toContain(text)
          expect(epub).toContain(text)
        }
        if (checked.length < 3) checked.push(result.epub)
      }),
      { numRuns: 20, seed: Number(process.env.FC_SEED ?? 7), endOnFailure: true },
    )
    if (hasTool('epubcheck')) for (const epub of checked) expect(epubcheck(epub)).toMatchObject({ errors: 0, warnings: 0, fatals: 0 })
  })
})
