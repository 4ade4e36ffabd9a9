/** The part of fontkit offprint uses (the package ships no types). */
declare module 'fontkit' {
  /** An opened font file. */
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean
  }
  /** Open a font file synchronously (TTF, OTF, WOFF). */
  export function openSync(path: string): Font
}
