/**
 * fontkit's TrueType subset, written straight into one buffer. fontkit gathers the subset's glyphs
 * as it should, then encodes nine tables through restructure's generic struct encoder (sizes
 * computed twice, every number written through a lookup by name): a tenth of a small document's PDF
 * time, for every face of every document. The glyphs are still gathered by fontkit (`_addGlyph`:
 * composite glyphs, variable fonts); only the writing is replaced, byte for byte as restructure
 * writes it (the same table order, no checksums, no padding between tables, the 'true' tag).
 */

type Fields = Record<string, number>
type FontTables = {
  head: Fields & { created: number[]; modified: number[]; macStyle: Record<string, boolean> }
  hhea: Fields
  maxp: Fields
  loca: { version: number }
  'cvt '?: { controlValues: number[] } | null
  prep?: { controlValueProgram: number[] } | null
  fpgm?: { instructions: number[] } | null
}
type Glyph = { advanceWidth: number; _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null; _getMetrics(): { leftBearing: number } }
type TtfFont = FontTables & {
  getGlyph(id: number): Glyph
  loca: { version: number; offsets: number[] }
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array }
  _variationProcessor?: unknown
}
type TtfSubset = {
  font: TtfFont
  glyphs: number[]
  includeGlyph(id: number): number
  glyf: Uint8Array[]
  offset: number
  loca: { offsets: number[]; version: number }
  hmtx: { metrics: { advance: number; bearing: number }[]; bearings: number[] }
  _addGlyph(gid: number): number
  encode(): Uint8Array
}

/** A table: its tag, its length in bytes, and how to write it at an offset. */
type Table = { tag: string; length: number; write(view: DataView, at: number): void }

const MAC_STYLE = ['bold', 'italic', 'underline', 'outline', 'shadow', 'condensed', 'extended']
const MAXP_FIELDS = ['maxPoints', 'maxContours', 'maxComponentPoints', 'maxComponentContours', 'maxZones', 'maxTwilightPoints', 'maxStorage', 'maxFunctionDefs', 'maxInstructionDefs', 'maxStackElements', 'maxSizeOfInstructions', 'maxComponentElements', 'maxComponentDepth']

const patched = new WeakSet<object>()

/** Make the TrueType subsets of `font` (a parsed fontkit font) encode with `encodeSubset`; other subsets are left alone. */
export function writeSubsetsDirectly(font: object): void {
  const subset = (font as { createSubset?: () => object }).createSubset?.()
  const prototype = subset && Object.getPrototypeOf(subset)
  // Only fontkit's TTFSubset gathers glyphs with `_addGlyph`; its CFF subset writes CFF.
  if (!prototype || patched.has(prototype) || typeof prototype._addGlyph !== 'function') return
  patched.add(prototype)
  prototype.encode = encodeSubset
}

/** TTFSubset.encode: gather the glyphs as fontkit does, then write the font file. */
function encodeSubset(this: TtfSubset): Uint8Array {
  this.glyf = []
  this.offset = 0
  this.loca = { offsets: [], version: this.font.loca.version }
  this.hmtx = { metrics: [], bearings: [] }
  // A variable font's glyphs are encoded anew for its instance: fontkit does that.
  const copy = this.font._variationProcessor ? (gid: number) => this._addGlyph(gid) : (gid: number) => addGlyph(this, gid)
  let index = 0
  while (index < this.glyphs.length) copy(this.glyphs[index++]!)
  this.loca.offsets.push(this.offset)
  return writeFont(this.font, this.glyf, this.loca, this.hmtx.metrics)
}

/** What a glyph brings to every subset: its outline's bytes, its metrics, and where its components' ids are. */
type GlyphCopy = { bytes: Uint8Array; advance: number; bearing: number; components: { glyphID: number; pos: number }[] }

/** Glyph copies by parsed font and glyph id: the same glyphs go into the subset of every document. */
const copies = new WeakMap<object, Map<number, GlyphCopy>>()

/** fontkit's TTFSubset._addGlyph for a static font, with each glyph's bytes and metrics read once per font. */
function addGlyph(subset: TtfSubset, gid: number): void {
  const { font } = subset
  let known = copies.get(font)
  if (!known) copies.set(font, (known = new Map()))
  let copy = known.get(gid)
  if (!copy) {
    const glyph = font.getGlyph(gid)
    const outline = glyph._decode()
    const stream = font._getTableStream('glyf')
    stream.pos += font.loca.offsets[gid]!
    const bytes = stream.readBuffer(font.loca.offsets[gid + 1]! - font.loca.offsets[gid]!)
    const components = outline && outline.numberOfContours < 0 ? outline.components! : []
    copy = { bytes, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing, components }
    known.set(gid, copy)
  }
  let { bytes } = copy
  if (copy.components.length > 0) {
    // A composite glyph names its parts by id: the subset's ids, which differ per subset.
    bytes = new Uint8Array(bytes)
    const view = new DataView(bytes.buffer)
    for (const component of copy.components) view.setUint16(component.pos, subset.includeGlyph(component.glyphID))
  }
  subset.glyf.push(bytes)
  subset.loca.offsets.push(subset.offset)
  subset.hmtx.metrics.push({ advance: copy.advance, bearing: copy.bearing })
  subset.offset += bytes.length
}

function writeFont(font: FontTables, glyf: Uint8Array[], loca: { offsets: number[]; version: number }, metrics: { advance: number; bearing: number }[]): Uint8Array {
  const { head, hhea, maxp } = font
  let style = 0
  MAC_STYLE.forEach((flag, bit) => {
    if (head.macStyle[flag]) style |= 1 << bit
  })
  const tables: Table[] = [
    fixedTable('head', [
      ['i32', head.version!], ['i32', head.revision!], ['u32', head.checkSumAdjustment!], ['u32', head.magicNumber!],
      ['u16', head.flags!], ['u16', head.unitsPerEm!], ['i32', head.created[0]!], ['i32', head.created[1]!],
      ['i32', head.modified[0]!], ['i32', head.modified[1]!], ['i16', head.xMin!], ['i16', head.yMin!], ['i16', head.xMax!],
      ['i16', head.yMax!], ['u16', style], ['u16', head.lowestRecPPEM!], ['i16', head.fontDirectionHint!],
      ['i16', loca.version], ['i16', head.glyphDataFormat!],
    ]),
    fixedTable('hhea', [
      ['i32', hhea.version!], ['i16', hhea.ascent!], ['i16', hhea.descent!], ['i16', hhea.lineGap!],
      ['u16', hhea.advanceWidthMax!], ['i16', hhea.minLeftSideBearing!], ['i16', hhea.minRightSideBearing!],
      ['i16', hhea.xMaxExtent!], ['i16', hhea.caretSlopeRise!], ['i16', hhea.caretSlopeRun!], ['i16', hhea.caretOffset!],
      // Four reserved int16.
      ['i16', 0], ['i16', 0], ['i16', 0], ['i16', 0], ['i16', hhea.metricDataFormat!], ['u16', metrics.length],
    ]),
    {
      tag: 'loca',
      // Short offsets are stored halved (fontkit's loca.preEncode).
      length: loca.offsets.length * (loca.version === 0 ? 2 : 4),
      write(view, at) {
        if (loca.version === 0) loca.offsets.forEach((offset, position) => view.setUint16(at + 2 * position, offset >>> 1))
        else loca.offsets.forEach((offset, position) => view.setUint32(at + 4 * position, offset))
      },
    },
    fixedTable('maxp', [['i32', maxp.version!], ['u16', glyf.length], ...MAXP_FIELDS.map((field) => ['u16', maxp[field]!] as Field)]),
  ]
  const cvt = font['cvt ']?.controlValues
  if (font['cvt ']) tables.push({ tag: 'cvt ', length: 2 * cvt!.length, write: (view, at) => cvt!.forEach((value, position) => view.setInt16(at + 2 * position, value)) })
  const prep = font.prep?.controlValueProgram
  if (font.prep) tables.push({ tag: 'prep', length: prep!.length, write: (view, at) => prep!.forEach((value, position) => view.setUint8(at + position, value)) })
  tables.push({
    tag: 'glyf',
    length: glyf.reduce((sum, buffer) => sum + buffer.length, 0),
    write(view, at) {
      const bytes = new Uint8Array(view.buffer, view.byteOffset)
      for (const buffer of glyf) {
        bytes.set(buffer, at)
        at += buffer.length
      }
    },
  })
  tables.push({
    tag: 'hmtx',
    length: 4 * metrics.length,
    write(view, at) {
      metrics.forEach((metric, position) => {
        view.setUint16(at + 4 * position, metric.advance)
        view.setInt16(at + 4 * position + 2, metric.bearing)
      })
    },
  })
  const fpgm = font.fpgm?.instructions
  if (font.fpgm) tables.push({ tag: 'fpgm', length: fpgm!.length, write: (view, at) => fpgm!.forEach((value, position) => view.setUint8(at + position, value)) })

  // The table directory as fontkit's Directory.preEncode fills it (its float arithmetic included).
  const numTables = tables.length
  const maxPowerOf2 = Math.pow(2, Math.floor(Math.log(numTables) / Math.LN2))
  const searchRange = maxPowerOf2 * 16
  let at = 12 + 16 * numTables
  const bytes = new Uint8Array(at + tables.reduce((sum, table) => sum + table.length, 0))
  const view = new DataView(bytes.buffer)
  writeTag(view, 0, 'true')
  view.setUint16(4, numTables)
  view.setUint16(6, searchRange)
  view.setUint16(8, Math.log(maxPowerOf2) / Math.LN2)
  view.setUint16(10, numTables * 16 - searchRange)
  tables.forEach((table, position) => {
    const entry = 12 + 16 * position
    writeTag(view, entry, table.tag)
    // Checksums stay 0, as fontkit leaves them.
    view.setUint32(entry + 8, at)
    view.setUint32(entry + 12, table.length)
    table.write(view, at)
    at += table.length
  })
  return bytes
}

/** A number of a fixed-size table and how restructure writes it (DataView's conversions included). */
type Field = ['i16' | 'u16' | 'i32' | 'u32', number]

const FIELD_SIZES = { i16: 2, u16: 2, i32: 4, u32: 4 }

/** A table of fixed fields, written in order. */
function fixedTable(tag: string, fields: Field[]): Table {
  return {
    tag,
    length: fields.reduce((sum, [type]) => sum + FIELD_SIZES[type], 0),
    write(view, at) {
      for (const [type, value] of fields) {
        if (type === 'i16') view.setInt16(at, value)
        else if (type === 'u16') view.setUint16(at, value)
        else if (type === 'i32') view.setInt32(at, value)
        else view.setUint32(at, value)
        at += FIELD_SIZES[type]
      }
    },
  }
}

function writeTag(view: DataView, at: number, tag: string): void {
  for (let index = 0; index < 4; index++) view.setUint8(at + index, tag.charCodeAt(index))
}
