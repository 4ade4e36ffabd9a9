/**
 * The CommonMark spec's examples (npm `commonmark-spec`): every example builds in both formats,
 * the EPUBs pass epubcheck, and the words of each example's expected output are in both outputs.
 * Examples are parsed one by one (as the spec means them) and laid out in packs of PACK examples
 * per document, each under its own heading, to keep the run short.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import spec from 'commonmark-spec'
import type { Element, ElementContent } from 'hast'
import type { Root, RootContent } from 'mdast'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from '../src/parse/index.js'
import { assignHeadingIds, buildOutline } from '../src/parse/outline.js'
import { collectAnchors } from '../src/parse/links.js'
import { DROPPED_WHOLE, parseHtml } from '../src/parse/raw-html.js'
import { renderEpub } from '../src/render-epub/index.js'
import { renderPdf } from '../src/render-pdf/index.js'
import { loadTheme } from '../src/theme/load-theme.js'
import { tempDir } from './helpers/build.js'
import { readEpub } from './helpers/epub.js'
import { readPdf } from './helpers/pdf.js'
import { epubcheckMany, hasTool } from './helpers/tools.js'

const PACK = 40

interface Example {
  markdown: string
  html: string
  number: number
  section: string
}

/** Words a reader sees in the example's expected HTML (text only: no attributes, no script or style). */
function expectedWords(html: string): string[] {
  const words: string[] = []
  const walk = (nodes: ElementContent[]) => {
    for (const node of nodes) {
      if (node.type === 'text') words.push(...(node.value.match(/[\p{L}\p{N}]+/gu) ?? []))
      else if (node.type === 'element' && !DROPPED_WHOLE.includes((node as Element).tagName)) walk(node.children)
    }
  }
  walk(parseHtml(html))
  return words
}

/** Letters and digits only: line breaks, hyphens and spacing of a layout do not matter. */
const letters = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).join('')

describe('the CommonMark spec examples', () => {
  // The package writes tabs as `→`.
  const examples = (spec.tests as Example[]).map((example) => ({ ...example, markdown: example.markdown.replace(/→/g, '\t'), html: example.html.replace(/→/g, '\t') }))
  const packs: { examples: Example[]; pdfText: string; epubText: string; epubFile: string; missingGlyphs: string[] }[] = []

  beforeAll(async () => {
    const theme = loadTheme()
    const dir = tempDir()
    for (let start = 0; start < examples.length; start += PACK) {
      const group = examples.slice(start, start + PACK)
      const children: RootContent[] = []
      let first: ReturnType<typeof parse> | undefined
      const sources: string[] = []
      for (const example of group) {
        // A title in frontmatter, so that an example starting with `---` is read as the spec means it.
        const file = new VFile({ path: path.join(dir, `example-${example.number}.md`), value: `---\ntitle: Example ${example.number}\n---\n\n${example.markdown}` })
        const document = parse(file)
        first ??= document
        // Positions as in the pack's text (the examples one after the other), which page markers rely on.
        const offset = sources.reduce((sum, text) => sum + text.length + 1, 0)
        const lines = sources.reduce((sum, text) => sum + text.split('\n').length, 0)
        visit(document.tree, (node) => {
          for (const point of [node.position?.start, node.position?.end]) {
            if (!point) continue
            point.line += lines
            if (point.offset !== undefined) point.offset += offset
          }
        })
        sources.push(String(file.value))
        const at = { line: lines + 1, column: 1, offset }
        children.push({ type: 'heading', depth: 2, children: [{ type: 'text', value: `Example ${example.number}` }], position: { start: at, end: { ...at, offset: offset + 1 } } }, ...(document.tree.children as RootContent[]))
      }
      const tree: Root = { type: 'root', children }
      const file = new VFile({ path: path.join(dir, `pack-${start}.md`), value: sources.join('\n') })
      assignHeadingIds(tree)
      const outline = buildOutline(tree)
      const document = { ...first!, file, tree, outline, anchors: collectAnchors(tree), meta: { ...first!.meta, title: `CommonMark examples ${group[0]!.number}–${group.at(-1)!.number}` } }
      const pdfFile = path.join(dir, `pack-${start}.pdf`)
      const epubFile = path.join(dir, `pack-${start}.epub`)
      writeFileSync(pdfFile, await renderPdf(document, { theme }))
      writeFileSync(epubFile, await renderEpub(document, { theme }))
      // Characters of scripts offprint ships no font for are reported (missing-glyph), not silently dropped.
      const missingGlyphs = file.messages.filter((message) => message.ruleId === 'missing-glyph').map((message) => /"(.+?)"/u.exec(message.reason)![1]!)
      packs.push({ missingGlyphs, examples: group, pdfText: letters((await readPdf(pdfFile)).text), epubText: letters((await readEpub(epubFile)).documents.map((d) => d.text).join(' ')), epubFile })
    }
  }, 600_000)

  it('builds every example in both formats', () => {
    expect(packs.flatMap((pack) => pack.examples).length).toBe(examples.length)
    // Only scripts outside the promised ones lack a font (the spec quotes Malayalam and Kannada).
    for (const char of packs.flatMap((pack) => pack.missingGlyphs)) expect(char).toMatch(/[\p{Script=Malayalam}\p{Script=Kannada}]/u)
  })

  it('keeps the words of every example in the PDF and the EPUB', () => {
    for (const pack of packs) {
      for (const example of pack.examples) {
        for (const word of expectedWords(example.html)) {
          if (!pack.missingGlyphs.some((char) => word.includes(char))) expect(pack.pdfText, `example ${example.number}: "${word}" in the PDF`).toContain(word)
          expect(pack.epubText, `example ${example.number}: "${word}" in the EPUB`).toContain(word)
        }
      }
    }
  })

  it('writes EPUBs that pass epubcheck with no errors and no warnings', async () => {
    if (!hasTool('epubcheck')) return
    const verdict = await epubcheckMany(packs.map((pack) => pack.epubFile))
    expect(verdict.report).not.toMatch(/^(ERROR|WARNING|FATAL)/m)
    expect(verdict.failed).toBe(0)
  }, 300_000)
})
