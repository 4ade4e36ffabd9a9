/** EPUB CSS for the constructs of src/render-epub/handlers and postprocess, from the same theme keys as the PDF. */
import { highlightCss } from '../highlight.js'
import type { Theme } from '../theme/load-theme.js'
import { resolveTextStyle } from '../theme/resolve-style.js'

/** Rules for figures (`caption_*`, `credit_*`), tables (`table_*`, their captions `caption_*`), lists, task boxes and highlighted code. */
export function constructCss(theme: Theme): string[] {
  const base = resolveTextStyle(theme, 'base').fontSize
  const em = (points: number) => `${+(points / base).toFixed(3)}em`
  const caption = resolveTextStyle(theme, 'caption')
  const credit = resolveTextStyle(theme, 'credit')
  const v = theme.values
  return [
    `figure { margin: ${em(Number(v.figure_space_before ?? 0))} 0 ${em(Number(v.figure_space_after ?? 0))} 0; page-break-inside: avoid; }`,
    'figure img, p img { max-width: 100%; height: auto; }',
    `figcaption { font-size: ${em(caption.fontSize)}; color: ${caption.color}; text-align: ${caption.align}; margin-top: ${em(caption.spaceBefore)}; }`,
    `figcaption .credit { display: block; font-size: ${+(credit.fontSize / caption.fontSize).toFixed(3)}em; color: ${credit.color}; }`,
    `table { font-size: ${em(Number(v.table_font_size ?? base))}; }`,
    // Inside the table: sized against the table's own font size.
    `caption { caption-side: top; font-size: ${+(caption.fontSize / Number(v.table_font_size ?? base)).toFixed(3)}em; color: ${caption.color}; text-align: ${caption.align}; margin-bottom: ${em(caption.spaceBefore)}; }`,
    `th { background: ${v.table_header_background_color}; }`,
    `th, td { border-bottom: 0.5pt solid ${v.table_rule_color}; }`,
    '.align-left { text-align: left; } .align-center { text-align: center; } .align-right { text-align: right; }',
    'ol.numbered { list-style: none; }',
    `dt { font-weight: bold; } dd { margin: 0 0 ${em(Number(v.base_space_after ?? 0))} ${em(Number(v.list_indent ?? 18))}; }`,
    '.list-number { display: inline-block; min-width: 1.5em; margin-left: -1.8em; }',
    'li.task-list-item { list-style: none; }',
    '.image-alt { font-style: italic; }',
    `section.footnotes { font-size: ${em(Number(v.footnote_font_size ?? base))}; }`,
    ...highlightCss(theme),
  ]
}
