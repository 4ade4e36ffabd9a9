/** The EPUB's stylesheet, generated from the same theme as the PDF so both read as one publication. */
import { constructCss } from '../render-epub/construct-css.js'
import type { Theme } from './load-theme.js'
import { resolveTextStyle, resolveValue, type TextStyle } from './resolve-style.js'

const GENERIC: Record<string, string> = { serif: 'serif', sans: 'sans-serif', mono: 'monospace' }

/** Sizes become `em` relative to the body size, so readers' font-size settings still work. */
function declarations(style: TextStyle, base: number, withSpacing = true): string[] {
  const em = (points: number) => `${+(points / base).toFixed(3)}em`
  const lines = [
    `font-family: ${GENERIC[style.family] ?? `"${style.family}", serif`};`,
    `font-weight: ${style.bold ? 'bold' : 'normal'};`,
    `font-style: ${style.italic ? 'italic' : 'normal'};`,
    `line-height: ${style.lineHeight};`,
    `color: ${style.color};`,
    `text-align: ${style.align};`,
  ]
  if (withSpacing) lines.push(`margin: ${em(style.spaceBefore)} 0 ${em(style.spaceAfter)} 0;`)
  return lines
}

/** Stylesheets by theme values: a batch worker receives a copy of the same theme with every document. */
const stylesheets = new Map<string, string>()

/** CSS for the EPUB from theme keys (`base_*`, `heading_*`, `title_*`, `attribution_*`, `code_*`, `link_color`…). */
export function themeToCss(theme: Theme): string {
  const key = JSON.stringify(theme.values)
  let css = stylesheets.get(key)
  if (css === undefined) stylesheets.set(key, (css = generateCss(theme)))
  return css
}

function generateCss(theme: Theme): string {
  const base = resolveTextStyle(theme, 'base')
  const size = base.fontSize
  const rule = (selector: string, lines: string[]) => `${selector} {\n  ${lines.join('\n  ')}\n}`
  const fontSize = (style: TextStyle) => `font-size: ${+(style.fontSize / size).toFixed(3)}em;`
  const rules = [
    // base_hyphens, base_widows and base_orphans mean the same in CSS as in the PDF.
    rule('body', [...declarations(base, size, false), 'margin: 0 5%;', 'overflow-wrap: break-word;', `hyphens: ${base.hyphens ? 'auto' : 'manual'};`, `-epub-hyphens: ${base.hyphens ? 'auto' : 'manual'};`]),
    rule('p', [`margin: 0 0 ${+(base.spaceAfter / size).toFixed(3)}em 0;`, `widows: ${base.widows};`, `orphans: ${base.orphans};`]),
  ]
  for (const level of [1, 2, 3, 4, 5, 6]) {
    const style = resolveTextStyle(theme, 'heading', `h${level}`)
    // Headings stay with what follows them, as heading_keep_lines does in the PDF.
    rules.push(rule(`h${level}`, [...declarations(style, size), fontSize(style), 'page-break-after: avoid;', 'break-after: avoid;', `hyphens: ${style.hyphens ? 'auto' : 'manual'};`]))
  }
  for (const [selector, category] of [['.title-block .title', 'title'], ['.title-block .subtitle', 'subtitle'], ['.title-block .attribution', 'attribution'], ['.title-block .abstract p', 'abstract'], ['.title-block .abstract .abstract-title', 'abstract_title']] as const) {
    const style = resolveTextStyle(theme, category)
    rules.push(rule(selector, [...declarations(style, size), fontSize(style)]))
  }
  const code = resolveTextStyle(theme, 'code')
  rules.push(
    // title_block_position: page gives the title block a page of its own in the EPUB too.
    rule('.title-block', [...(theme.values.title_block_position === 'page' ? ['page-break-after: always;', 'break-after: page;', 'text-align: center;'] : []), `margin-bottom: ${+(Number(resolveValue(theme, 'title_block', 'space_after')) / size).toFixed(3)}em;`, `border-bottom: 0.5pt solid ${theme.values.title_block_rule_color};`, 'padding-bottom: 0.5em;']),
    rule('pre', [`background: ${theme.values.code_background_color};`, `padding: ${+(Number(theme.values.code_padding) / size).toFixed(3)}em;`, 'white-space: pre-wrap;', 'overflow-wrap: anywhere;', 'text-align: left;']),
    rule('code', [`font-family: ${GENERIC[code.family] ?? 'monospace'};`, `font-size: ${+(code.fontSize / size).toFixed(3)}em;`]),
    rule('pre code', ['font-size: 1em;', 'display: block;']),
    // Each line a block: a wrapped line hangs under its own indentation (render-epub/code-lines.ts).
    rule('pre code .line', ['display: block;']),
    rule('blockquote', [`margin: 0 0 ${+(base.spaceAfter / size).toFixed(3)}em ${+(Number(theme.values.blockquote_indent) / size).toFixed(3)}em;`, `color: ${theme.values.blockquote_color};`, `font-style: ${theme.values.blockquote_font_style ?? 'normal'};`]),
    rule('a', [`color: ${theme.values.link_color};`]),
    rule('hr', ['border: none;', `border-top: 0.6pt solid ${theme.values.rule_color};`, 'width: 30%;', 'margin: 1.5em auto;']),
    rule('table', ['border-collapse: collapse;', 'margin: 0 0 1em 0;', 'font-size: 0.92em;']),
    rule('th, td', ['border-bottom: 0.5pt solid #bbbbbb;', 'padding: 0.2em 0.4em;', 'vertical-align: top;']),
    rule('.footnotes', ['font-size: 0.9em;', `border-top: 0.5pt solid ${theme.values.rule_color};`, 'margin-top: 2em;']),
  )
  rules.push(...constructCss(theme))
  return `/* Generated by offprint from the theme; edit theme.yaml, not this file. */\n${rules.join('\n')}\n`
}
