/**
 * Smart punctuation, as pandoc's `smart` extension (on in its Markdown by default) and a typesetter
 * set it: straight quotes become curly ones ("…" → “…”, '…' → ‘…’, it's → it’s, '90s → ’90s), `---`
 * an em dash, `--` an en dash and `...` an ellipsis. It is done once, on the tree, so both outputs
 * read the same; code, inline code, raw HTML and autolinks (whose text is their address) keep what
 * was typed. Quotes are told apart by the characters on either side, across emphasis and links:
 * `"*word*"` opens before the emphasis and closes after it.
 */
import type { Image, ImageReference, Link, Nodes, Parents, Root, Text } from 'mdast'
import { walkBlocks } from '../walk-tree.js'

/** Characters after which a quote opens (with the start of a block and white space). */
const OPENS_AFTER = /[\s([{\u2018\u201c\-\u2013\u2014/]/u
const WORD = /[\p{L}\p{N}]/u
const DIGIT = /\p{N}/u

/** Blocks whose phrasing content is one run of text for the quotes. */
const PHRASING_BLOCKS = new Set(['paragraph', 'heading', 'tableCell'])

/** Dashes and ellipses: no context needed (`---` before `--`). */
function dashesAndEllipses(text: string): string {
  if (!text.includes('--') && !text.includes('...')) return text
  return text.replace(/---/g, '\u2014').replace(/--/g, '\u2013').replace(/\.\.\./g, '\u2026')
}

/** The curly form of the quote at `index` of `text`, from the characters around it. */
function curlQuote(text: string, index: number): string {
  const quote = text[index]!
  const before = index === 0 ? ' ' : text[index - 1]!
  const after = index + 1 < text.length ? text[index + 1]! : ' '
  const opens = OPENS_AFTER.test(before) && !/\s/u.test(after)
  if (quote === '"') return opens ? '\u201c' : '\u201d'
  // An apostrophe inside or after a word, or an elision before digits ('90s), is a right quote.
  if (WORD.test(before) || !opens || DIGIT.test(after)) return '\u2019'
  return '\u2018'
}

/** `length` characters of `whole` from `start`, each straight quote curled by its neighbours in `whole`. */
function curlQuotes(whole: string, start: number, length: number): string {
  let out = ''
  for (let index = start; index < start + length; index++) {
    const char = whole[index]!
    out += char === '"' || char === "'" ? curlQuote(whole, index) : char
  }
  return out
}

/** Smart punctuation in `text`, a whole run (its first character starts a block). */
export function smartenText(text: string): string {
  const dashed = dashesAndEllipses(text)
  return dashed.includes('"') || dashed.includes("'") ? curlQuotes(dashed, 0, dashed.length) : dashed
}

/** Whether a link shows its own address (`<https://…>`, a bare `www.…`): its text is not prose. */
function isAutolink(link: Link): boolean {
  if (link.children.length !== 1 || link.children[0]!.type !== 'text') return false
  const text = link.children[0]!.value
  return link.url === text || link.url === `mailto:${text}` || link.url === `http://${text}` || link.url === `https://${text}`
}

/**
 * The leaves of a block's phrasing content in order: text to curl, and what stands between
 * (inline code, HTML, an autolink) as its text, which gives context but is never changed.
 */
function leaves(parent: Parents, out: (Text | string)[], images: (Image | ImageReference)[]): void {
  for (const child of parent.children as Nodes[]) {
    if (child.type === 'text') out.push(child)
    else if (child.type === 'inlineCode' || child.type === 'html') out.push(child.value)
    else if (child.type === 'break') out.push('\n')
    else if (child.type === 'image' || child.type === 'imageReference') {
      images.push(child)
      out.push('A')
    } else if (child.type === 'link' && isAutolink(child)) out.push(child.url)
    else if ('children' in child) leaves(child, out, images)
  }
}

/** Curl the quotes of one block's text, each decided by the characters around it in the whole block. */
function smartenBlock(block: Parents): void {
  const parts: (Text | string)[] = []
  const images: (Image | ImageReference)[] = []
  leaves(block, parts, images)
  for (const part of parts) if (typeof part !== 'string') part.value = dashesAndEllipses(part.value)
  const whole = parts.map((part) => (typeof part === 'string' ? part : part.value)).join('')
  if (whole.includes('"') || whole.includes("'")) {
    let at = 0
    for (const part of parts) {
      if (typeof part === 'string') {
        at += part.length
        continue
      }
      const length = part.value.length
      part.value = curlQuotes(whole, at, length)
      at += length
    }
  }
  // An image's alt text and title are captions of their own.
  for (const image of images) {
    if (image.alt) image.alt = smartenText(image.alt)
    if (image.type === 'image' && image.title) image.title = smartenText(image.title)
  }
}

/** Apply smart punctuation to every block of prose in the tree. */
export function smartenPunctuation(tree: Root): void {
  walkBlocks(tree, (node) => {
    if (PHRASING_BLOCKS.has(node.type)) smartenBlock(node as Parents)
  })
}
