import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadTheme } from '../src/index.js'
import { LAYOUTS_KEPT, sharedLayoutCount } from '../src/render-pdf/fonts.js'
import { buildMarkdown } from './helpers/build.js'
import { offprint, project } from './helpers/cli.js'
import { compactText, readPdf } from './helpers/pdf.js'
import { hasTool, pdffonts } from './helpers/tools.js'

// One process renders many documents (a batch worker, a library user) with fonts parsed once:
// this file's module state is fresh, so the order below is the one that used to go wrong.
const accented = '# Été\n\nÉté, où, là.\n' // `é` is a composite glyph holding `e`; no plain `e` here
const plain = '# Hello there\n\nThe end of one document, and then another.\n'

describe('fonts shared by the documents of one process', () => {
  it('a document’s text and bytes do not depend on the documents built before it', async () => {
    await buildMarkdown(accented, { formats: ['pdf'] })
    const later = await buildMarkdown(plain, { formats: ['pdf'] })
    const text = compactText((await readPdf(later.pdf)).text)
    expect(text).toContain(compactText('Hello there'))
    expect(text).toContain(compactText('The end of one document, and then another.'))

    const dir = project({ 'content/doc.md': plain })
    const alone = await offprint(['build', 'content', '--out', 'output', '--format', 'pdf', '--no-cache', '-q'], dir)
    expect(alone.code).toBe(0)
    expect(readFileSync(path.join(dir, 'output', 'doc.pdf')).equals(readFileSync(later.pdf))).toBe(true)
  })

  it('keeps at most LAYOUTS_KEPT word layouts of a face, however many words the process has set', async () => {
    // 60,000 different words in one document: the shared layout cache of its face starts again
    // past LAYOUTS_KEPT instead of growing with every word a long batch meets.
    const word = (index: number) => `w${Array.from(index.toString(26).padStart(4, '0'), (digit) => String.fromCharCode(97 + parseInt(digit, 26))).join('')}`
    const words = Array.from({ length: 60_000 }, (_, index) => word(index))
    const built = await buildMarkdown(`---\ntitle: Words\n---\n\n${words.join(' ')}\n`, { formats: ['pdf'] })
    const body = loadTheme().fonts[String(loadTheme().values.base_font_family ?? 'serif') + '_regular']!
    expect(sharedLayoutCount(body)).toBeGreaterThan(0)
    expect(sharedLayoutCount(body)).toBeLessThanOrEqual(LAYOUTS_KEPT)
    const text = (await readPdf(built.pdf)).text
    for (const index of [0, 1, 49_999, 50_000, 59_999]) expect(text).toContain(word(index))
  })

  it.runIf(hasTool('pdffonts'))('names each font subset after its glyphs, so different subsets never share a name', async () => {
    const [one, two] = [await buildMarkdown(accented, { formats: ['pdf'] }), await buildMarkdown(plain, { formats: ['pdf'] })]
    const names = (file: string) => pdffonts(file).map((font) => font.name)
    const subsetOf = (file: string, font: string) => names(file).find((name) => name.endsWith(`+${font}`))
    expect(subsetOf(one.pdf, 'NotoSans-Bold')).toMatch(/^[A-Z]{6}\+NotoSans-Bold$/)
    expect(subsetOf(one.pdf, 'NotoSans-Bold')).not.toBe(subsetOf(two.pdf, 'NotoSans-Bold'))
    expect(new Set(names(one.pdf)).size).toBe(names(one.pdf).length)
  })
})
