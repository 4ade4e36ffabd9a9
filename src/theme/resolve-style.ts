/** Style lookup: `category_qualifier_property` → `category_property` → `base_property`. */
import type { Theme } from './load-theme.js'

/** Everything a renderer needs to set one block of text. */
export interface TextStyle {
  family: string
  bold: boolean
  italic: boolean
  fontSize: number
  /** Line height as a multiple of the font size. */
  lineHeight: number
  color: string
  align: 'left' | 'right' | 'center' | 'justify'
  spaceBefore: number
  spaceAfter: number
  /** Hyphenate words by the document's language (`*_hyphens: auto`). */
  hyphens: boolean
  /** Fewest lines of a paragraph left at a page's top (`*_widows`) and bottom (`*_orphans`). */
  widows: number
  orphans: number
  /** `pre` keeps every space and line feed (`*_white_space`), as code needs. */
  whiteSpace: 'normal' | 'pre'
}

/** Look a property up from the most specific key to `base_`; undefined when no level sets it. */
export function resolveValue(theme: Theme, category: string, property: string, qualifier?: string): string | number | undefined {
  const keys = [qualifier && `${category}_${qualifier}_${property}`, `${category}_${property}`, `base_${property}`]
  for (const key of keys) if (key && theme.values[key] !== undefined) return theme.values[key]
  return undefined
}

/** A number from the theme; a missing key is a bug in the shipped default theme, hence an assert. */
export function resolveNumber(theme: Theme, category: string, property: string, qualifier?: string): number {
  const value = resolveValue(theme, category, property, qualifier)
  if (typeof value !== 'number') throw new Error(`assert: theme has no number for ${category}_${property}`)
  return value
}

/**
 * Styles resolved so far, by theme values and `category\0qualifier`: a handler asks for its style
 * for every node it draws (thousands of list items and paragraphs), and the answer never changes.
 */
const resolved = new WeakMap<object, Map<string, TextStyle>>()

/** The full text style of a category (`heading` with qualifier `h2`, `paragraph`, `code`, …). */
export function resolveTextStyle(theme: Theme, category: string, qualifier?: string): TextStyle {
  let styles = resolved.get(theme.values)
  if (!styles) resolved.set(theme.values, (styles = new Map()))
  const key = `${category}\u0000${qualifier ?? ''}`
  let style = styles.get(key)
  if (!style) styles.set(key, (style = lookUpTextStyle(theme, category, qualifier)))
  // A copy: callers may adjust theirs (a heading's size, a cell's alignment).
  return { ...style }
}

function lookUpTextStyle(theme: Theme, category: string, qualifier?: string): TextStyle {
  const get = (property: string) => resolveValue(theme, category, property, qualifier)
  // Spacing does not inherit from base for every category: base_space_after is the paragraph gap.
  return {
    family: String(get('font_family')),
    bold: get('font_weight') === 'bold',
    italic: get('font_style') === 'italic',
    fontSize: Number(get('font_size')),
    lineHeight: Number(get('line_height')),
    color: String(get('color')),
    align: String(get('text_align')) as TextStyle['align'],
    spaceBefore: Number(get('space_before') ?? 0),
    spaceAfter: Number(get('space_after') ?? 0),
    hyphens: get('hyphens') === 'auto',
    widows: Number(get('widows') ?? 1),
    orphans: Number(get('orphans') ?? 1),
    whiteSpace: get('white_space') === 'pre' ? 'pre' : 'normal',
  }
}
