/** The part of restructure (fontkit's binary decoder) offprint uses (the package ships no types). */
declare module 'restructure' {
  /** A decodable type: a number, a struct, an array, a pointer. */
  export interface Type {
    decode(stream: unknown, parent?: unknown): unknown
  }
  /** A fixed list of fields. */
  export class Struct implements Type {
    fields: Record<string, Type>
    decode(stream: unknown, parent?: unknown): unknown
    /** Decode `fields` into `res` (a VersionedStruct passes the fields of the version read). */
    _parseFields(stream: unknown, res: object, fields: Record<string, Type>): void
  }
  /** A struct whose fields depend on a version number read first. */
  export class VersionedStruct extends Struct {
    versions: Record<string, Record<string, Type>>
  }
  /** An array of one element type (LazyArray extends it). */
  export class Array implements Type {
    type: Type
    decode(stream: unknown, parent?: unknown): unknown
  }
  /** An offset to a value decoded elsewhere in the table; `lazy` decodes it when first read. */
  export class Pointer implements Type {
    type: Type | null
    options: { lazy: boolean }
    decode(stream: unknown, ctx?: unknown): unknown
  }
}
