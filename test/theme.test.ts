/** Themes: validation that names the key, and one theme driving both the PDF and the EPUB's CSS. */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadTheme, type Theme } from '../src/index.js'
import { planLineBreaks } from '../src/render-pdf/layout/keep.js'
import { themeToCss } from '../src/theme/theme-to-css.js'
import { tempDir } from './helpers/build.js'

function themeWith(yaml: string): () => Theme {
  const dir = path.join(tempDir(), 'theme')
  mkdirSync(dir)
  writeFileSync(path.join(dir, 'theme.yaml'), `extends: ${JSON.stringify(path.resolve('templates/default'))}\n${yaml}`)
  return () => loadTheme(dir)
}

describe('theme validation', () => {
  it('names the key whose value is wrong, and what it must be', () => {
    expect(themeWith('base_hyphens: sometimes\n')).toThrow(/theme key `base_hyphens` must be one of auto, none, got "sometimes"/)
    expect(themeWith('title_block_position: middle\n')).toThrow(/`title_block_position` must be one of top, page/)
    expect(themeWith('base_widows: many\n')).toThrow(/`base_widows` must be a number/)
    expect(themeWith('footer_color: red\n')).toThrow(/`footer_color` must be a colour as #rrggbb/)
  })

  it('names an unknown key and suggests the nearest known one', () => {
    expect(themeWith('toc_min_sectoins: 3\n')).toThrow(/unknown theme key `toc_min_sectoins`; did you mean `toc_min_sections`\?/)
  })
})

describe('one theme, both outputs', () => {
  it('generates the EPUB stylesheet from the theme keys', () => {
    const book = themeToCss(loadTheme(path.resolve('templates/book')))
    const report = themeToCss(loadTheme(path.resolve('templates/default')))
    // Headings: serif in the book, sans in the report, as in their PDFs.
    expect(book).toMatch(/h1 \{[^}]*font-family: serif;/)
    expect(report).toMatch(/h1 \{[^}]*font-family: sans-serif;/)
    for (const css of [book, report]) {
      expect(css).toMatch(/p \{[^}]*widows: 2;[^}]*orphans: 2;/)
      expect(css).toMatch(/body \{[^}]*hyphens: auto;/)
      expect(css).toMatch(/h[1-6][^{]*\{[^}]*page-break-after: avoid;/)
    }
    expect(book).toMatch(/\.title-block \.title \{[^}]*text-align: center;/)
    expect(book).toMatch(/\.title-block \{[^}]*break-after: page;/)
    expect(report).not.toMatch(/\.title-block \{[^}]*break-after: page;/)
  })
})

describe('page breaks between lines', () => {
  const keep = { orphans: 2, widows: 2 }
  it('breaks where the page is full when both sides keep enough lines', () => {
    expect(planLineBreaks(10, 6, 40, keep)).toEqual([6])
  })
  it('moves a line on rather than leave a widow', () => {
    expect(planLineBreaks(7, 6, 40, keep)).toEqual([5])
  })
  it('moves the whole paragraph on rather than leave an orphan', () => {
    expect(planLineBreaks(10, 1, 40, keep)).toEqual([0])
    expect(planLineBreaks(3, 2, 40, keep)).toEqual([0])
  })
  it('breaks a paragraph longer than a page on every page', () => {
    expect(planLineBreaks(25, 3, 10, keep)).toEqual([3, 13, 23])
    // With 24 lines the last page would hold one: the page before gives it a second.
    expect(planLineBreaks(24, 3, 10, keep)).toEqual([3, 13, 22])
  })
})
