/**
 * Repairs to fontkit's shaping for fonts it would otherwise fail on. Noto Sans Malayalam (the
 * Fontsource WOFF) has mark-to-base records with a NULL anchor, which the OpenType spec allows
 * (the mark does not attach to that base); fontkit reads the missing anchor's coordinates and throws.
 */

type Anchor = { xCoordinate: number; yCoordinate: number } | null
type MarkRecord = { markAnchor: Anchor }
type GposProcessor = { applyAnchor(markRecord: MarkRecord, baseAnchor: Anchor, baseGlyphIndex: number): void }

/** Make a parsed fontkit font skip mark attachments whose anchor is NULL instead of throwing. */
export function tolerateNullAnchors(font: object): void {
  const gpos = (font as { _layoutEngine?: { engine?: { GPOSProcessor?: GposProcessor | null } } })._layoutEngine?.engine?.GPOSProcessor
  if (!gpos) return
  const applyAnchor = gpos.applyAnchor.bind(gpos)
  gpos.applyAnchor = (markRecord, baseAnchor, baseGlyphIndex) => {
    if (baseAnchor && markRecord.markAnchor) applyAnchor(markRecord, baseAnchor, baseGlyphIndex)
  }
}
