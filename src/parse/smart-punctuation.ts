/**
 * Smart punctuation, as pandoc's `smart` extension (on in its Markdown by default) and a typesetter
 * set it: straight quotes become curly ones ("…" → “…”, '…' → ‘…’, it's → it’s, '90s → ’90s), `---`
 * an em dash, `--` an en dash and `...` an ellipsis. Quotes take the marks of the document's
 * language (« … » in French, „…“ in German); the apostrophe is ’ in all of them. It is done once, on
 * the tree, so both outputs read the same; code, inline code, raw HTML and autolinks (whose text is
 * their address) keep what was typed. Quotes are told apart by the characters on either side,
 * across emphasis and links: `"*word*"` opens before the emphasis and closes after it.
 */
import type { Image, ImageReference, Nodes, Parents, Root, Text } from 'mdast'
import { walkBlocks } from '../walk-tree.js'
import { isAutolink } from './links.js'

/** Characters after which a quote opens (with the start of a block and white space). */
const OPENS_AFTER = /[\s([{\u2018\u201c\-\u2013\u2014/]/u
const WORD = /[\p{L}\p{N}]/u
const DIGIT = /\p{N}/u

/** Blocks whose phrasing content is one run of text for the quotes. */
const PHRASING_BLOCKS = new Set(['paragraph', 'heading', 'tableCell', 'defListTerm'])

/** Dashes and ellipses: no context needed (`---` before `--`). */
function dashesAndEllipses(text: string): string {
  if (!text.includes('--') && !text.includes('...')) return text
  return text.replace(/---/g, '\u2014').replace(/--/g, '\u2013').replace(/\.\.\./g, '\u2026')
}

/** How a language punctuates: its quotation marks, and the spaces it keeps with punctuation. */
export interface PunctuationStyle {
  /** Its primary pair, for `"…"`. */
  double: readonly [open: string, close: string]
  /** Its secondary pair, for `'…'`. */
  single: readonly [open: string, close: string]
  /**
   * A space typed before `;` `!` `?` `:` `»` or after `«` becomes a no-break space (narrow, but a
   * full one before the colon), as French typesetters set it: the mark never starts a line alone.
   */
  frenchSpacing?: boolean
}

const ENGLISH: PunctuationStyle = { double: ['\u201c', '\u201d'], single: ['\u2018', '\u2019'] }
/** French sets a narrow no-break space inside its guillemets (the Imprimerie nationale's rule), never a line's end. */
const FRENCH: PunctuationStyle = { double: ['\u00ab\u202f', '\u202f\u00bb'], single: ['\u201c', '\u201d'], frenchSpacing: true }
const GUILLEMETS: PunctuationStyle = { double: ['\u00ab', '\u00bb'], single: ['\u201c', '\u201d'] }
const LOW_HIGH: PunctuationStyle = { double: ['\u201e', '\u201c'], single: ['\u201a', '\u2018'] }
/** Guillemets, with low-high quotes inside (Russian, Ukrainian, Belarusian). */
const GUILLEMETS_LOW_HIGH: PunctuationStyle = { double: ['\u00ab', '\u00bb'], single: ['\u201e', '\u201c'] }
/** Low-high quotes at both levels (Bulgarian, Lithuanian, Estonian). */
const LOW_HIGH_ONLY: PunctuationStyle = { double: ['\u201e', '\u201c'], single: ['\u201e', '\u201c'] }
const NORWEGIAN: PunctuationStyle = { double: ['\u00ab', '\u00bb'], single: ['\u2018', '\u2019'] }
/** Low opening, high closing quotes, guillemets inside (Polish, Romanian). */
const LOW_RIGHT: PunctuationStyle = { double: ['\u201e', '\u201d'], single: ['\u00ab', '\u00bb'] }
/** Closing marks on both sides (Swedish, Finnish). */
const RIGHT_RIGHT: PunctuationStyle = { double: ['\u201d', '\u201d'], single: ['\u2019', '\u2019'] }

/**
 * Quotation marks by language tag, then by its primary subtag (Unicode CLDR's delimiters, French
 * with its spaces); any other language is quoted the English way, as pandoc's `smart` does.
 */
const PUNCTUATION_STYLES: Record<string, PunctuationStyle> = {
  fr: FRENCH,
  de: LOW_HIGH,
  'de-ch': { double: ['\u00ab', '\u00bb'], single: ['\u2039', '\u203a'] },
  cs: LOW_HIGH,
  sk: LOW_HIGH,
  es: GUILLEMETS,
  it: GUILLEMETS,
  pt: GUILLEMETS,
  'pt-br': ENGLISH,
  ru: GUILLEMETS_LOW_HIGH,
  uk: GUILLEMETS_LOW_HIGH,
  pl: LOW_RIGHT,
  sv: RIGHT_RIGHT,
  el: GUILLEMETS,
  nb: NORWEGIAN,
  nn: NORWEGIAN,
  no: NORWEGIAN,
  be: GUILLEMETS_LOW_HIGH,
  ro: LOW_RIGHT,
  hu: { double: ['\u201e', '\u201d'], single: ['\u00bb', '\u00ab'] },
  bg: LOW_HIGH_ONLY,
  lt: LOW_HIGH_ONLY,
  et: LOW_HIGH_ONLY,
  sl: LOW_HIGH,
  fi: RIGHT_RIGHT,
}

/** The quotation marks of the language `lang` (a BCP 47 tag such as `fr`, `pt-BR`). */
export function punctuationStyle(lang: string | undefined): PunctuationStyle {
  const tag = (lang ?? 'en').toLowerCase().replace(/_/g, '-')
  return PUNCTUATION_STYLES[tag] ?? PUNCTUATION_STYLES[tag.split('-', 1)[0]!] ?? ENGLISH
}

/** The apostrophe, in every language: it's, ’90s, aujourd’hui. */
const APOSTROPHE = '\u2019'

/**
 * What each straight quote of `whole` becomes, by index, from the characters on either side: a
 * double quote opens after white space or an opening bracket and closes elsewhere; a single quote
 * inside or after a word, or before digits ('90s), is an apostrophe, unless it closes a single quote
 * left open (which tells German's closing ‘ from its apostrophe ’).
 */
function curledQuotes(whole: string, style: PunctuationStyle): Map<number, string> {
  const marks = new Map<number, string>()
  let singleOpen = false
  for (let index = 0; index < whole.length; index++) {
    const quote = whole[index]
    if (quote !== '"' && quote !== "'") continue
    const before = index === 0 ? ' ' : whole[index - 1]!
    const after = index + 1 < whole.length ? whole[index + 1]! : ' '
    const opens = OPENS_AFTER.test(before) && !/\s/u.test(after)
    if (quote === '"') marks.set(index, style.double[opens ? 0 : 1])
    else if (opens && !DIGIT.test(after)) {
      marks.set(index, style.single[0])
      singleOpen = true
    } else if (singleOpen && !WORD.test(after)) {
      marks.set(index, style.single[1])
      singleOpen = false
    } else marks.set(index, APOSTROPHE)
  }
  return marks
}

/** French spaces: the spaces typed around high punctuation and guillemets made no-break ones. */
function frenchSpaces(text: string): string {
  if (!/ [;!?:\u00bb]|\u00ab /.test(text)) return text
  // Each run of spaces is tried once, from its first space (`(?<! )`): retried at every space of a
  // long run not followed by a mark, ` +x` is quadratic.
  return text.replace(/(?<! ) +([;!?\u00bb])/g, '\u202f$1').replace(/(?<! ) +:/g, '\u00a0:').replace(/\u00ab +/g, '\u00ab\u202f')
}

/** `length` characters of `whole` from `start`, its quotes replaced by `marks`. */
function withMarks(whole: string, start: number, length: number, marks: Map<number, string>): string {
  let out = ''
  for (let index = start; index < start + length; index++) out += marks.get(index) ?? whole[index]!
  return out
}

/** Smart punctuation in `text`, a whole run (its first character starts a block), quoted in `style`. */
export function smartenText(text: string, style: PunctuationStyle = ENGLISH): string {
  const dashed = dashesAndEllipses(text)
  const quoted = dashed.includes('"') || dashed.includes("'") ? withMarks(dashed, 0, dashed.length, curledQuotes(dashed, style)) : dashed
  return style.frenchSpacing ? frenchSpaces(quoted) : quoted
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
function smartenBlock(block: Parents, style: PunctuationStyle): void {
  const parts: (Text | string)[] = []
  const images: (Image | ImageReference)[] = []
  leaves(block, parts, images)
  for (const part of parts) if (typeof part !== 'string') part.value = dashesAndEllipses(part.value)
  const whole = parts.map((part) => (typeof part === 'string' ? part : part.value)).join('')
  if (whole.includes('"') || whole.includes("'")) {
    const marks = curledQuotes(whole, style)
    let at = 0
    for (const part of parts) {
      if (typeof part === 'string') {
        at += part.length
        continue
      }
      const length = part.value.length
      part.value = withMarks(whole, at, length, marks)
      at += length
    }
  }
  if (style.frenchSpacing) for (const part of parts) if (typeof part !== 'string') part.value = frenchSpaces(part.value)
  // An image's alt text and title are captions of their own.
  for (const image of images) {
    if (image.alt) image.alt = smartenText(image.alt, style)
    if (image.type === 'image' && image.title) image.title = smartenText(image.title, style)
  }
}

/** Apply smart punctuation to every block of prose in the tree, quoting in `style`. */
export function smartenPunctuation(tree: Root, style: PunctuationStyle = ENGLISH): void {
  walkBlocks(tree, (node) => {
    if (PHRASING_BLOCKS.has(node.type)) smartenBlock(node as Parents, style)
  })
}
