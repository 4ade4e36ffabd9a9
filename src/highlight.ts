/**
 * Syntax highlighting for both outputs from one highlighter (lowlight, i.e. highlight.js grammars).
 * Token classes map to a few theme keys (`code_keyword_color`, `code_string_color`, …): the PDF
 * colours runs with them, the EPUB's CSS gives the same colours to the `hljs-*` classes.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast'
import { common, createLowlight } from 'lowlight'
import type { Theme } from './theme/load-theme.js'

// Created on the first code block with a language: registering its 37 grammars is a cost a
// document without code should not pay.
let lowlight: ReturnType<typeof createLowlight> | undefined

/** Theme colour key of each highlight.js token class (classes not listed keep the code colour). */
export const TOKEN_COLORS: Record<string, string> = {
  'hljs-keyword': 'code_keyword_color',
  'hljs-built_in': 'code_keyword_color',
  'hljs-type': 'code_keyword_color',
  'hljs-literal': 'code_keyword_color',
  'hljs-selector-tag': 'code_keyword_color',
  'hljs-string': 'code_string_color',
  'hljs-regexp': 'code_string_color',
  'hljs-symbol': 'code_string_color',
  'hljs-addition': 'code_string_color',
  'hljs-comment': 'code_comment_color',
  'hljs-quote': 'code_comment_color',
  'hljs-deletion': 'code_comment_color',
  'hljs-number': 'code_number_color',
  'hljs-title': 'code_title_color',
  'hljs-section': 'code_title_color',
  'hljs-name': 'code_title_color',
  'hljs-selector-class': 'code_title_color',
  'hljs-selector-id': 'code_title_color',
  'hljs-attr': 'code_attribute_color',
  'hljs-attribute': 'code_attribute_color',
  'hljs-variable': 'code_attribute_color',
  'hljs-property': 'code_attribute_color',
  'hljs-template-variable': 'code_attribute_color',
  'hljs-meta': 'code_meta_color',
}

/** Highlighted code as hast (`span.hljs-*` around tokens), or undefined for an unknown or absent language. */
export function highlight(code: string, lang: string | null | undefined): HastRoot | undefined {
  if (!lang) return undefined
  lowlight ??= createLowlight(common)
  if (!lowlight.registered(lang)) return undefined
  return lowlight.highlight(lang, code) as HastRoot
}

/** A piece of code with the theme key of its colour (undefined: the code colour). */
export interface CodeToken {
  text: string
  colorKey?: string
}

/** Flatten highlighted hast into tokens, the innermost known class deciding the colour. */
export function codeTokens(tree: HastRoot): CodeToken[] {
  const out: CodeToken[] = []
  const walk = (nodes: ElementContent[] | HastRoot['children'], colorKey: string | undefined) => {
    for (const node of nodes) {
      if (node.type === 'text') out.push({ text: node.value, colorKey })
      else if (node.type === 'element') walk(node.children, keyOf(node) ?? colorKey)
    }
  }
  walk(tree.children, undefined)
  return out
}

function keyOf(node: Element): string | undefined {
  const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : []
  for (const name of classes) if (TOKEN_COLORS[name]) return TOKEN_COLORS[name]
  return undefined
}

/** CSS rules giving the `hljs-*` classes the theme's colours (for the EPUB). */
export function highlightCss(theme: Theme): string[] {
  return Object.entries(TOKEN_COLORS)
    .filter(([, key]) => theme.values[key] !== undefined)
    .map(([name, key]) => `.${name} { color: ${theme.values[key]}; }`)
}
