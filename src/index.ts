/** offprint's library API: parse Markdown, render PDF and EPUB, or build files end to end. */
export type { Document, Metadata, OutlineEntry } from './document.js'
export { parse } from './parse/index.js'
export { renderPdf, type PdfOptions } from './render-pdf/index.js'
export { renderEpub, type EpubOptions } from './render-epub/index.js'
export { loadTheme, DEFAULT_THEME_DIR, ThemeError, type Theme } from './theme/load-theme.js'
export { buildFile, readSource, type BuildOptions, type BuildResult, type Format } from './pipeline.js'
export { build, findInputs, type BuildSummary } from './build.js'
