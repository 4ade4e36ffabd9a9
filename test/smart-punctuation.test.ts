/** Smart punctuation (pandoc's `smart`): curly quotes, dashes and ellipses in both outputs, never in code. */
import { describe, expect, it } from 'vitest'
import { punctuationStyle, smartenText } from '../src/parse/smart-punctuation.js'
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

  it('quotes in the marks of the document’s language, and tells a closing quote from an apostrophe where they differ', () => {
    // A space typed before ; ! ? : » or after « is a no-break one in French (a full one before :).
    expect(smartenText('Vraiment ? Oui ; non : peut-être ! « Déjà »', punctuationStyle('fr'))).toBe('Vraiment\u202f? Oui\u202f; non\u00a0: peut-être\u202f! «\u202fDéjà\u202f»')
    expect(smartenText('Really ? Yes ; no : maybe !', punctuationStyle('en'))).toBe('Really ? Yes ; no : maybe !')
    // A run of spaces becomes one no-break space; a long run with no mark after it is read once
    // (the first expression retried it at every space: 200,000 spaces took minutes).
    expect(smartenText('a  ; b', punctuationStyle('fr'))).toBe('a\u202f; b')
    expect(smartenText(`${' '.repeat(200_000)}x ;`, punctuationStyle('fr')).endsWith('x\u202f;')).toBe(true)
    const typed = `"Il dit 'oui'", l'homme.`
    expect(smartenText(typed, punctuationStyle('fr'))).toBe('«\u202fIl dit “oui”\u202f», l’homme.')
    expect(smartenText(typed, punctuationStyle('fr-CA'))).toBe('«\u202fIl dit “oui”\u202f», l’homme.')
    // German: „…“ and ‚…‘, whose closing ‘ is not the apostrophe ’ of geht's.
    expect(smartenText(`Er sagte: "Das geht's" und 'so geht's nicht'.`, punctuationStyle('de'))).toBe('Er sagte: „Das geht’s“ und ‚so geht’s nicht‘.')
    expect(smartenText(`"Grüezi"`, punctuationStyle('de-CH'))).toBe('«Grüezi»')
    expect(smartenText(`"Olá", disse 'ela'.`, punctuationStyle('pt'))).toBe('«Olá», disse “ela”.')
    expect(smartenText(`"Olá", disse 'ela'.`, punctuationStyle('pt-BR'))).toBe('“Olá”, disse ‘ela’.')
    expect(smartenText(`"Привет"`, punctuationStyle('ru'))).toBe('«Привет»')
    expect(smartenText(`"Γεια"`, punctuationStyle('el'))).toBe('«Γεια»')
    expect(smartenText(`"Hei" og 'hei'`, punctuationStyle('nb'))).toBe('«Hei» og ‘hei’')
    expect(smartenText(`"Bună" și 'bună'`, punctuationStyle('ro'))).toBe('„Bună” și «bună»')
    expect(smartenText(`"Szia" és 'szia'`, punctuationStyle('hu'))).toBe('„Szia” és »szia«')
    // A language without its own marks here is quoted as pandoc quotes every language.
    expect(smartenText(`"hej" 'då'`, punctuationStyle('xx'))).toBe('“hej” ‘då’')
    expect(smartenText(`'90s and 'quoted'`, punctuationStyle('de'))).toBe('’90s and ‚quoted‘')
  })

  it('sets a French document’s guillemets in both outputs, a narrow no-break space inside, never at a line’s end', async () => {
    // So many quotations that, with ordinary spaces inside the guillemets, lines would end at some.
    const sentence = `Le témoin a déclaré "nous avons tout perdu" devant la commission, puis 'encore' une fois. `
    const answers = Array.from({ length: 60 }, (_, index) => `"${'oui'.repeat(1 + (index % 5))}" ${[';', '?', '!', ':'][index % 4]}`).join(' ')
    const built = await buildMarkdown(`---\ntitle: "Le \\"rapport\\""\nlang: fr\nabstract: "Il a dit \\"oui\\" ; puis non."\n---\n\n${sentence.repeat(12)}\n\n${answers}\n`)
    expect(built.messages).toEqual([])
    const epub = await readEpub(built.epub)
    const text = epub.documents.map((document) => document.text).join(' ')
    // The markup as written (its characters may be written as references); the text has spaces collapsed.
    const xhtml = epub.documents.map((document) => document.xhtml).join('\n').replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    expect(xhtml.split('«\u202fnous avons tout perdu\u202f»').length - 1).toBe(12)
    expect(text.split('« nous avons tout perdu »').length - 1).toBe(12)
    expect(text).toContain('puis “encore” une fois.')
    expect(text).not.toMatch(/["']/)
    expect(epub.metadata['dc:title']).toEqual(['Le «\u202frapport\u202f»'])
    // The abstract too, its no-break spaces kept as it is made one line of text.
    expect(xhtml).toContain('Il a dit «\u202foui\u202f»\u202f; puis non.')
    const view = await readPdf(built.pdf)
    expect(view.info.Title).toBe('Le «\u202frapport\u202f»')
    const pdf = compactText(view.text)
    expect(pdf.split(compactText('«nous avons tout perdu»')).length - 1).toBe(12)
    // No line begins with a closing guillemet or high punctuation, or ends with an opening guillemet.
    for (const line of view.searchText.split('\n')) {
      expect(line.trimStart(), line).not.toMatch(/^[»;:!?]/)
      expect(line.trimEnd().endsWith('«')).toBe(false)
    }
  })

  it('is off for a document whose frontmatter says `smart: false`', async () => {
    const built = await buildMarkdown(`---\ntitle: Plain\nsmart: false\n---\n\nShe said "hello" -- it's...\n`)
    expect(built.messages).toEqual([])
    expect(normalizeText((await readPdf(built.pdf)).text)).toContain(`She said "hello" -- it's...`)
  })
})
