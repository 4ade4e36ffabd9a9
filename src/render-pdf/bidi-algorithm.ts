/**
 * The Unicode Bidirectional Algorithm (bidi-js), one instance for the PDF writer: embedding levels
 * for right-to-left runs (inline/bidi.ts) and mirrored brackets for text extraction
 * (glyph-unicode.ts). Imported, not `require`d from node_modules, so that the bundle holds it
 * (scripts/bundle.js): two modules each loaded their own copy from node_modules.
 */
import bidiModule from 'bidi-js'

// At run time the default import is the factory function (module.exports of the CommonJS build in
// Node, the default export of its ES build in the bundle); its typings declare that function as the
// ES default export of an ES module, which NodeNext types as `.default` of a CommonJS module.
const bidiFactory = bidiModule as unknown as typeof bidiModule.default

export const bidi = bidiFactory()
