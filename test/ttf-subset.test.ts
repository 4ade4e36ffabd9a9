import { readFileSync, statSync } from 'node:fs'
// @ts-expect-error -- untyped module
import { create } from 'fontkit'
import { describe, expect, it } from 'vitest'
import { loadTheme } from '../src/index.js'
import { writeSubsetsDirectly } from '../src/render-pdf/ttf-subset.js'

type Subset = { includeGlyph(id: number): number; encode(): Uint8Array }
type Font = { numGlyphs: number; createSubset(): Subset }

describe('TrueType subsets written directly', () => {
  it("are byte for byte the files fontkit writes, for the default theme's fonts, one parsed font serving many subsets", () => {
    const theme = loadTheme()
    // TrueType files only, CJK faces (5–11 MB) left out: parsing and unpacking them twice took
    // 20 s, and the tables written are the same once a WOFF is unpacked.
    const files = [...new Set(Object.values(theme.fonts))].filter((file) => file.endsWith('.ttf') && statSync(file).size < 2_000_000)
    expect(files.length).toBeGreaterThan(10)
    // fontkit's own encoder, taken before its subset class is patched (the patch is on the class's
    // prototype, shared by every font: both encoders are then called on subsets of one font).
    const fontkitEncode = Object.getPrototypeOf((create(readFileSync(files[0]!)) as Font).createSubset()).encode as (this: Subset) => Uint8Array
    for (const file of files) {
      const font = create(readFileSync(file)) as Font
      writeSubsetsDirectly(font)
      expect(Object.getPrototypeOf(font.createSubset()).encode).not.toBe(fontkitEncode)
      for (let trial = 0; trial < 3; trial++) {
        // Spread over the whole font, so that composite glyphs (whose parts join the subset) come up.
        const ids = Array.from({ length: 3 + trial * 40 }, (_, index) => (index * 7919 + trial * 131) % font.numGlyphs)
        const expected = font.createSubset()
        const actual = font.createSubset()
        for (const id of ids) expect(actual.includeGlyph(id)).toBe(expected.includeGlyph(id))
        expect(Buffer.from(actual.encode()).equals(Buffer.from(fontkitEncode.call(expected))), `${file}, subset ${trial}`).toBe(true)
      }
    }
  })
})
