/**
 * Subset names: fonts are parsed once per process (a batch worker renders many documents), and a
 * subset's name must tell its glyphs apart from another document's subset of the same font.
 */
import { createHash } from 'node:crypto'

/** The parts of pdfkit's (unexported) EmbeddedFont that naming a subset reads. */
interface EmbeddedFontInternals {
  id: string
  unicode: number[][]
  font: { postscriptName?: string }
  embed(): unknown
  toUnicodeCmap(): unknown
}

const tagged = new WeakSet<object>()

/**
 * pdfkit derives the six-letter subset tag (`BZZZZZ+NotoSans-Bold`) from the font's resource id, so
 * every document that registers its fonts in the same order gives different subsets the same name.
 * The PDF spec only asks tags to be unique within one file, but viewers cache fonts by name across
 * files: pdf.js, reading two such PDFs in one process, took glyphs of the second from the first and
 * extracted `(` for `e`. A tag hashed from the subset's glyph-to-text map stays deterministic and
 * differs whenever the subsets do. pdfkit builds the tag from characters 1–6 of `id` (+17), so the
 * patch lends `embed` an id spelling the hash for the call, then restores the resource id.
 */
export function tagSubsetsByContent(font: unknown): void {
  const proto = font && typeof font === 'object' ? (Object.getPrototypeOf(font) as EmbeddedFontInternals) : undefined
  if (!proto || typeof proto.toUnicodeCmap !== 'function' || tagged.has(proto)) return
  const embed = proto.embed
  proto.embed = function (this: EmbeddedFontInternals) {
    const id = this.id
    this.id = id[0] + subsetTagSource(this)
    try {
      return embed.call(this)
    } finally {
      this.id = id
    }
  }
  tagged.add(proto)
}

/** Six characters in '0'..'I', which pdfkit turns into the letters 'A'..'Z' of the tag. */
function subsetTagSource(font: EmbeddedFontInternals): string {
  const digest = createHash('sha256').update(`${font.font.postscriptName ?? ''}\0${JSON.stringify(font.unicode)}`).digest()
  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(48 + (byte % 26))).join('')
}
