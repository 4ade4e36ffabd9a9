/**
 * hast fix-ups after mdast-util-to-hast, before serialization: the raw HTML policy, EPUB 3
 * footnote semantics, task boxes and column alignment that survive epub-gen-memory's attribute
 * filter, and `dir`/`lang` on blocks written in another script.
 */
import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast'
import { raw } from 'hast-util-raw'
import { ALLOWED_TAGS, DROPPED_WHOLE } from '../parse/raw-html.js'
import { lettersOf, WRITING_SYSTEMS } from '../writing-systems.js'

/** Marks elements produced from Markdown (not from raw HTML) while `raw` reparses the tree. */
const ORIGIN = 'dataOffprintMd'

/** Parse raw HTML nodes and keep only the safe subset from them; Markdown's own elements are kept. */
export function applyHtmlPolicy(tree: HastRoot, vetted: (src: string) => string | undefined): HastRoot {
  const positions: Element['position'][] = []
  mark(tree.children, positions)
  // Each top-level block is reparsed on its own: an unclosed `<script>` or `<pre>` in one block
  // cannot swallow the blocks after it.
  // A block without raw HTML is left as it is: reparsing it would only rebuild the same elements
  // (a third of the EPUB's time in a long document).
  const children = tree.children.flatMap((child) => (hasRaw(child) ? (raw({ type: 'root', children: [child] }) as HastRoot).children : [child]))
  return { ...tree, children: filter(children, vetted, positions) as HastRoot['children'] }
}

/** Whether raw HTML occurs anywhere in `node` (searched without recursion: the depth may be hostile). */
function hasRaw(node: RootContent): boolean {
  const pending: (RootContent | ElementContent)[] = [node]
  while (pending.length > 0) {
    const next = pending.pop()!
    if (next.type === 'raw') return true
    if (next.type === 'element') for (const child of next.children) pending.push(child)
  }
  return false
}

/** Mark Markdown's elements with the index of their saved source position (page markers need it; `raw` loses it). */
function mark(nodes: RootContent[] | ElementContent[], positions: Element['position'][]): void {
  for (const node of nodes) {
    if (node.type !== 'element') continue
    node.properties[ORIGIN] = String(positions.length)
    positions.push(node.position)
    mark(node.children, positions)
  }
}

function filter(nodes: (RootContent | ElementContent)[], vetted: (src: string) => string | undefined, positions: Element['position'][]): ElementContent[] {
  const out: ElementContent[] = []
  for (const node of nodes) {
    if (node.type === 'text') out.push(node)
    if (node.type !== 'element') continue
    const origin = node.properties[ORIGIN]
    delete node.properties[ORIGIN]
    if (origin !== undefined) {
      const position = positions[Number(origin)]
      if (position) node.position = position
      node.children = filter(node.children, vetted, positions)
      out.push(node)
    } else if (DROPPED_WHOLE.includes(node.tagName)) {
      continue
    } else if (ALLOWED_TAGS.has(node.tagName)) {
      out.push(safeElement(node, filter(node.children, vetted, positions), vetted))
    } else {
      // Outside the safe subset: the element goes, its text stays (parse warned at its line).
      out.push(...filter(node.children, vetted, positions))
    }
  }
  return out
}

/** A safe-subset element with only the attributes the policy allows; `<img>` only for vetted files. */
function safeElement(node: Element, children: ElementContent[], vetted: (src: string) => string | undefined): ElementContent {
  const alt = typeof node.properties.alt === 'string' ? node.properties.alt : ''
  if (node.tagName === 'img') {
    const src = typeof node.properties.src === 'string' ? vetted(node.properties.src) : undefined
    if (!src) return { type: 'element', tagName: 'span', properties: { className: ['image-alt'] }, children: [{ type: 'text', value: alt ? `[${alt}]` : '[image]' }] }
    return { type: 'element', tagName: 'img', properties: { src, alt }, children: [] }
  }
  return { type: 'element', tagName: node.tagName, properties: {}, children }
}

/** EPUB 3 footnotes: noterefs and the notes section typed for reading systems (their `data-*` markers are dropped by epub-gen-memory). */
export function typeFootnotes(nodes: ElementContent[] | RootContent[]): void {
  for (const node of nodes) {
    if (node.type !== 'element') continue
    const p = node.properties
    if ('dataFootnoteRef' in p) {
      p['epub:type'] = 'noteref'
      p.role = 'doc-noteref'
      delete p.dataFootnoteRef
      delete p.ariaDescribedBy
    }
    if ('dataFootnoteBackref' in p) {
      p.role = 'doc-backlink'
      delete p.dataFootnoteBackref
    }
    if ('dataFootnotes' in p) {
      p['epub:type'] = 'footnotes'
      p.role = 'doc-endnotes'
      delete p.dataFootnotes
      for (const child of node.children) {
        if (child.type === 'element' && child.tagName === 'ol') {
          for (const item of child.children) if (item.type === 'element' && item.tagName === 'li') item.properties['epub:type'] = 'endnote'
        }
      }
    }
    typeFootnotes(node.children)
  }
}

/** Task boxes as visible characters (epub-gen-memory drops `checked`), column alignment as classes (it drops `align`). */
export function fixAttributes(nodes: ElementContent[] | RootContent[]): void {
  for (const [index, node] of nodes.entries()) {
    if (node.type !== 'element') continue
    if (node.tagName === 'input' && node.properties.type === 'checkbox') {
      const checked = Boolean(node.properties.checked)
      nodes[index] = { type: 'element', tagName: 'span', properties: { className: ['task-box'], role: 'img', ariaLabel: checked ? 'done' : 'not done' }, children: [{ type: 'text', value: checked ? '☑' : '☐' }] }
      continue
    }
    if ((node.tagName === 'td' || node.tagName === 'th') && typeof node.properties.align === 'string') {
      node.properties.className = [`align-${node.properties.align}`]
      delete node.properties.align
    }
    fixAttributes(node.children)
  }
}

const BLOCKS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'figcaption', 'blockquote'])

/** Language of a script, for blocks mostly written in it (src/writing-systems.ts). */
const SCRIPT_LANGS: [RegExp, string][] = WRITING_SYSTEMS.map((system) => [lettersOf(system, 'gu'), system.lang])
const KANA = SCRIPT_LANGS.find(([, lang]) => lang === 'ja')![0]

/** Any letter of the scripts above: a block without one gets neither `lang` nor `dir`, and neither do the blocks inside it. */
const ANY_SCRIPT = new RegExp(SCRIPT_LANGS.map(([pattern]) => pattern.source).join('|'), 'u')

/** Give blocks whose letters are mostly of another script its `lang`, and `dir="rtl"` when it starts right to left. */
export function markLanguages(nodes: ElementContent[] | RootContent[], documentLang: string): void {
  for (const node of nodes) {
    if (node.type !== 'element') continue
    if (BLOCKS.has(node.tagName)) {
      const value = textOf(node)
      // Most blocks: counting every letter against every script (as below) was most of this pass.
      if (!ANY_SCRIPT.test(value)) continue
      const letters = (value.match(/[\p{L}\p{M}]/gu) ?? []).length
      const kana = (value.match(KANA) ?? []).length
      for (const [pattern, lang] of SCRIPT_LANGS) {
        const count = (value.match(pattern) ?? []).length
        const chosen = lang === 'zh' && kana > 0 ? 'ja' : lang
        if (letters > 0 && count / letters > 0.5 && !documentLang.toLowerCase().startsWith(chosen)) {
          node.properties.lang = chosen
          node.properties['xml:lang'] = chosen
          break
        }
      }
      const firstStrong = /[\p{Script=Arabic}\p{Script=Hebrew}]|[\p{L}]/u.exec(value)?.[0]
      if (firstStrong && /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(firstStrong)) node.properties.dir = 'rtl'
    }
    markLanguages(node.children, documentLang)
  }
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type !== 'element') return ''
  return node.children.map(textOf).join('')
}
