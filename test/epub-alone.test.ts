import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildMarkdown } from './helpers/build.js'
import { offprint, project } from './helpers/cli.js'
import { readEpub } from './helpers/epub.js'
import { epubcheck, hasTool } from './helpers/tools.js'

const RECORDER = pathToFileURL(path.resolve('test/helpers/record-loads.mjs')).href
/** Packages only the PDF needs: an EPUB-only build must not load them. */
const PDF_SIDE = /\/node_modules\/(pdfkit|fontkit|restructure|hyphen|tex-linebreak)\//
const FONT_FILE = /\.(ttf|otf|woff2?)$/i

const ARTICLE = `---\ntitle: Alone\nlang: en\n---\n\n## Part\n\n${'Words enough to fill a page or two. '.repeat(400)}\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n\`\`\`js\nconst x = 1\n\`\`\`\n`

/**
 * The sources behind the loaded module URLs: a chunk of the CLI bundle (dist/bundle/) stands for the
 * sources esbuild put in it (its metafile, dist/bundle/inputs.json), as `node_modules/…` paths.
 */
function loadedSources(urls: string[]): string[] {
  const bundle = path.resolve('dist/bundle')
  const inputs = JSON.parse(readFileSync(path.join(bundle, 'inputs.json'), 'utf8')) as Record<string, string[]>
  return urls.flatMap((url) => {
    const file = url.startsWith('file:') ? fileURLToPath(url) : url
    return path.dirname(file) === bundle ? (inputs[path.basename(file)] ?? []).map((input) => `/${input}`) : [file]
  })
}

/** Build `ARTICLE` with the CLI under the load recorder; the sources it loaded and the files it read. */
async function recordedBuild(format: string): Promise<{ code: number | null; files: number; modules: string[]; reads: string[]; dir: string }> {
  const dir = project({ 'content/a.md': ARTICLE })
  const log = path.join(dir, 'loads.log')
  const result = await offprint(['build', 'content/a.md', '--format', format, '--no-cache'], dir, { OFFPRINT_LOAD_LOG: log, NODE_OPTIONS: `--import ${RECORDER}` })
  expect(result.stderr).toBe('')
  const lines = readFileSync(log, 'utf8').split('\n')
  const urls = lines.filter((line) => line.startsWith('module ')).map((line) => line.slice(7))
  return { code: result.code, dir, files: new Set(urls.filter((url) => url.startsWith('file:'))).size, modules: loadedSources(urls), reads: lines.filter((line) => line.startsWith('read ')).map((line) => line.slice(5)) }
}

describe('an EPUB built without its PDF', () => {
  it('never loads pdfkit, fontkit, hyphenation or line breaking, nor reads a font file', async () => {
    const epub = await recordedBuild('epub')
    expect(epub.code).toBe(0)
    // The recorder works: the EPUB side and the theme were seen loading.
    expect(epub.modules.some((source) => source.includes('/node_modules/epub-gen-memory/'))).toBe(true)
    expect(epub.reads.some((file) => file.endsWith('theme.yaml'))).toBe(true)
    expect(epub.modules.filter((url) => PDF_SIDE.test(url))).toEqual([])
    // The CLI is bundled (scripts/bundle.js): a few dozen files, not the ~600 modules it is made of.
    expect(epub.files).toBeLessThan(60)
    expect(epub.reads.filter((file) => FONT_FILE.test(file) || PDF_SIDE.test(file))).toEqual([])
    // The control: the same recorder sees them when a PDF is built.
    const pdf = await recordedBuild('pdf')
    expect(pdf.code).toBe(0)
    for (const name of ['pdfkit', 'fontkit', 'tex-linebreak', 'hyphen']) expect(pdf.modules.some((source) => source.includes(`/node_modules/${name}/`)), name).toBe(true)
    expect(pdf.reads.some((file) => FONT_FILE.test(file))).toBe(true)
  })

  it('has no page-list, page-break markers or pagination source, and claims none', async () => {
    const build = await buildMarkdown(ARTICLE, { formats: ['epub'] })
    expect(build.ok).toBe(true)
    const epub = await readEpub(build.epub)
    expect(epub.navXhtml).not.toContain('page-list')
    expect(epub.documents[0]!.xhtml).not.toContain('pagebreak')
    expect(epub.opf).not.toContain('page-source')
    expect(epub.metadata['dc:source']).toBeUndefined()
    expect(epub.metadata['schema:accessibilityFeature']).toEqual(['structuralNavigation', 'tableOfContents', 'readingOrder', 'displayTransformability'])
    expect(epub.metadata['schema:accessibilitySummary']![0]).not.toMatch(/page/)
    // The text is all there.
    expect(epub.documents[0]!.text).toContain('Words enough to fill a page or two.')
    if (hasTool('epubcheck')) expect(epubcheck(build.epub).report).not.toMatch(/^(ERROR|WARNING|FATAL)/m)
  })

  it('built with its PDF, carries the PDF’s pages', async () => {
    const build = await buildMarkdown(ARTICLE, { formats: ['pdf', 'epub'] })
    const epub = await readEpub(build.epub)
    expect(epub.navXhtml).toContain('epub:type="page-list"')
    expect(epub.metadata['schema:accessibilityFeature']).toContain('pageNavigation')
    expect(epub.opf).toContain('id="page-source"')
  })
})
