/**
 * Decode a font's mark-attachment anchors only when a mark is attached. fontkit decodes a GPOS
 * lookup whole the first time a layout asks for its feature, and the `mark` and `mkmk` lookups of
 * a Noto font hold an anchor per base glyph and mark class: tens of thousands of small records,
 * decoded for every face in every process (a third of a second of a batch worker's start, and a
 * fifth of a one-article build), though text without combining marks never reads one. Those
 * arrays become lazy, with restructure's own `lazy` pointers (fontkit uses them for other tables):
 * decoded on first read, to the same values, so layouts are unchanged.
 */
import { Array as ArrayType, Pointer, Struct, VersionedStruct, type Type } from 'restructure'

/** An OpenType Anchor table: a versioned struct with coordinates. */
function isAnchor(type: Type | null): boolean {
  return type instanceof VersionedStruct && Object.values(type.versions).some((fields) => typeof fields === 'object' && fields !== null && 'xCoordinate' in fields)
}

/** Whether values of `type` hold anchors (MarkArray, BaseArray, LigatureArray and Mark2Array hold them a few levels down). */
function holdsAnchors(type: Type | null, depth = 0): boolean {
  if (type === null || depth > 4) return false
  if (type instanceof Pointer) return isAnchor(type.type) || holdsAnchors(type.type, depth + 1)
  if (type instanceof ArrayType) return holdsAnchors(type.type, depth + 1)
  if (type instanceof Struct && !(type instanceof VersionedStruct)) return Object.values(type.fields).some((field) => holdsAnchors(field, depth + 1))
  return false
}

/** Field lists already looked at: fontkit's table definitions are made once per process. */
const seen = new WeakSet<object>()
let installed = false

/**
 * Make struct fields that point to arrays of anchors lazy, in every font fontkit decodes from now
 * on; idempotent. Only struct fields: restructure resolves a lazy pointer into a getter of the
 * struct, while an array would keep the unresolved descriptor.
 */
export function decodeAnchorsLazily(): void {
  if (installed) return
  installed = true
  const parseFields = Struct.prototype._parseFields
  Struct.prototype._parseFields = function (this: Struct, stream: unknown, res: object, fields: Record<string, Type>) {
    if (!seen.has(fields)) {
      seen.add(fields)
      for (const field of Object.values(fields)) {
        if (field instanceof Pointer && !field.options.lazy && field.type instanceof ArrayType && holdsAnchors(field.type)) field.options.lazy = true
      }
    }
    parseFields.call(this, stream, res, fields)
  }
}
