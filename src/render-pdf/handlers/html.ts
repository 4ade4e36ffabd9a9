import type { Element, ElementContent } from 'hast'
import type { Html } from 'mdast'
import { DROPPED_WHOLE, parseHtml } from '../../parse/raw-html.js'
import { resolveTextStyle } from '../../theme/resolve-style.js'
import { finishRuns, type Run } from '../inline/runs.js'
import { addSpace } from '../layout/keep.js'
import { withContent, type PdfState } from '../state.js'
import { drawLines } from './paragraph.js'

/**
 * Draw a raw HTML block by the raw HTML policy (src/parse/raw-html.ts, which warned at parse
 * time): the text of its elements is kept, `<summary>` in bold, `<br>` as a line break, an `<img>`
 * by its alt text; `<script>`, `<style>` and the like, and comments, draw nothing.
 */
export function html(state: PdfState, node: Html): void {
  const style = resolveTextStyle(state.theme, state.textCategory)
  const face: Run = { text: '', family: style.family, bold: style.bold, italic: style.italic }
  const runs: Run[] = []
  const walk = (nodes: ElementContent[], current: Run) => {
    for (const child of nodes) {
      // HTML collapses ASCII white space only: a &nbsp; stays a no-break space.
      if (child.type === 'text') runs.push({ ...current, text: child.value.replace(/[ \t\n\f\r]+/g, ' ') })
      if (child.type !== 'element' || DROPPED_WHOLE.includes(child.tagName)) continue
      if (child.tagName === 'br') runs.push({ ...current, text: '\n' })
      else if (child.tagName === 'img') runs.push({ ...current, text: altOf(child) })
      else walk(child.children, child.tagName === 'summary' ? { ...current, bold: true } : current)
      if (child.tagName === 'summary' || child.tagName === 'p' || child.tagName === 'div') runs.push({ ...current, text: '\n' })
    }
  }
  walk(parseHtml(node.value), face)
  const text = runs.map((run) => run.text).join('').trim()
  if (!text) return
  const trimmed = finishRuns(state, runs)
  while (trimmed.length && trimmed.at(-1)!.text.trim() === '') trimmed.pop()
  if (trimmed.at(-1)) trimmed.at(-1)!.text = trimmed.at(-1)!.text.replace(/\s+$/, '')
  if (trimmed[0]) trimmed[0].text = trimmed[0].text.replace(/^\s+/, '')
  withContent(state, 'P', () => drawLines(state, trimmed, style))
  addSpace(state, style.spaceAfter)
}

function altOf(element: Element): string {
  return typeof element.properties.alt === 'string' ? element.properties.alt : ''
}
