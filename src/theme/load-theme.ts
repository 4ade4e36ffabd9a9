/**
 * Themes: one YAML file of flat keys drives both outputs. `extends` names a parent theme folder,
 * `$key` values refer to other keys. Every key is validated on load; errors name the key.
 */
import { accessSync, constants, readFileSync } from 'node:fs'
import path from 'node:path'
import { closest } from 'fastest-levenshtein'
import { parse as parseYaml } from 'yaml'
import { fromRoot, requireFromRoot } from '../package-root.js'
import { PDF_STANDARDS } from '../render-pdf/standard.js'

/** A loaded, validated theme: flat keys to values, plus where its files live. */
export interface Theme {
  /** Folder of the theme file (fonts and templates resolve against it). */
  dir: string
  values: Record<string, string | number>
  /** Font files by `family_style` (`serif_bold_italic`), as absolute paths. */
  fonts: Record<string, string>
}

/** The theme offprint uses when no `--template` is given. */
export const DEFAULT_THEME_DIR = `${fromRoot('templates', 'default')}${path.sep}`

type Check = (value: unknown) => string | undefined
const number: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : 'a number ≥ 0')
const string: Check = (v) => (typeof v === 'string' ? undefined : 'a string')
/** Page sizes a theme's `page_size` and a document's `papersize` may name (pdfkit's names). */
export const PAGE_SIZES = ['A3', 'A4', 'A5', 'A6', 'B5', 'LETTER', 'LEGAL', 'EXECUTIVE'] as const

const oneOf = (...allowed: readonly string[]): Check => (v) => (allowed.includes(v as string) ? undefined : `one of ${allowed.join(', ')}`)
const color: Check = (v) => (typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v) ? undefined : 'a colour as #rrggbb')

/** Key shapes and what their values must be; a key matching none is an error. */
const SCHEMA: [RegExp, Check][] = [
  [/^extends$/, string],
  [/^page_size$/, oneOf(...PAGE_SIZES)],
  [/^font_[a-z]+_(regular|italic|bold|bold_italic)$/, string],
  [/_font_size$|_line_height$|_space_(before|after)$|^page_margin_(top|bottom|left|right)$|_indent$|_padding$|_keep_lines$|_widows$|_orphans$|_rule_width$|^title_page_top$|_min_sections$|_depth$/, number],
  [/^font_fallback$/, string],
  [/_color$/, color],
  [/_font_family$/, string],
  [/_font_weight$/, oneOf('normal', 'bold')],
  [/_font_style$/, oneOf('normal', 'italic')],
  [/_text_align$/, oneOf('left', 'right', 'center', 'justify')],
  [/_content$/, string],
  [/_hyphens$/, oneOf('auto', 'none')],
  [/^title_block_position$/, oneOf('top', 'page')],
  [/_white_space$/, oneOf('normal', 'pre')],
  [/^pdf_standard$/, oneOf(...PDF_STANDARDS)],
]

/** Raised for a theme that cannot be used; the message names the file and the key. */
export class ThemeError extends Error {}

/** Load a theme folder (`theme.yaml` inside), following `extends` and resolving `$key` references. */
export function loadTheme(dir: string = DEFAULT_THEME_DIR): Theme {
  const values = readChain(path.resolve(dir), new Set())
  const file = path.join(path.resolve(dir), 'theme.yaml')
  for (const [key, value] of Object.entries(values)) values[key] = dereference(values, key, value, file, [])
  for (const [key, value] of Object.entries(values)) {
    const rule = SCHEMA.find(([pattern]) => pattern.test(key))
    if (!rule) throw new ThemeError(`${file}: unknown theme key \`${key}\`; did you mean \`${closest(key, knownKeys())}\`?`)
    const problem = rule[1](value)
    if (problem) throw new ThemeError(`${file}: theme key \`${key}\` must be ${problem}, got ${JSON.stringify(value)}`)
  }
  delete values.extends
  const fonts = resolveFonts(values, file)
  for (const [key, family] of Object.entries(values)) {
    if (key.endsWith('_font_family') && !fonts[`${family}_regular`]) {
      throw new ThemeError(`${file}: theme key \`${key}\` names font family "${family}", but no \`font_${family}_regular\` is set`)
    }
  }
  return { dir: path.resolve(dir), values, fonts }
}

function readChain(dir: string, seen: Set<string>): Record<string, string | number> {
  const file = path.join(dir, 'theme.yaml')
  if (seen.has(file)) throw new ThemeError(`${file}: \`extends\` loops back to itself`)
  seen.add(file)
  let raw: unknown
  try {
    raw = parseYaml(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ThemeError(`${file}: ${(error as Error).message.split('\n')[0]}`)
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ThemeError(`${file}: a theme is a mapping of \`key: value\` lines`)
  const own = raw as Record<string, string | number>
  // Fonts are resolved relative to the theme that names them, so make them absolute here.
  for (const [key, value] of Object.entries(own)) {
    if (/^font_(?!fallback$)/.test(key) && typeof value === 'string') own[key] = resolveFontPath(value, dir, file, key)
  }
  const parent = typeof own.extends === 'string' ? readChain(path.resolve(dir, own.extends), seen) : {}
  return { ...parent, ...own }
}

function dereference(values: Record<string, string | number>, key: string, value: string | number, file: string, trail: string[]): string | number {
  if (typeof value !== 'string' || !value.startsWith('$')) return value
  const target = value.slice(1)
  if (trail.includes(target)) throw new ThemeError(`${file}: theme key \`${key}\` refers to itself through ${trail.join(' → ')}`)
  const next = values[target]
  if (next === undefined) throw new ThemeError(`${file}: theme key \`${key}\` refers to \`${target}\`, which is not set`)
  return dereference(values, key, next, file, [...trail, target])
}

function resolveFontPath(value: string, dir: string, file: string, key: string): string {
  if (/\.woff2$/i.test(value)) throw new ThemeError(`${file}: theme key \`${key}\`: WOFF2 fonts cannot be embedded (pdfkit's subsetter fails); use TTF or WOFF`)
  if (path.isAbsolute(value)) return value
  if (value.startsWith('.')) return path.resolve(dir, value)
  try {
    return requireFromRoot.resolve(value)
  } catch {
    throw new ThemeError(`${file}: theme key \`${key}\`: font "${value}" is not installed (npm package path expected)`)
  }
}

function resolveFonts(values: Record<string, string | number>, file: string): Record<string, string> {
  const fonts: Record<string, string> = {}
  for (const [key, value] of Object.entries(values)) {
    const match = /^font_(?!fallback$)(.+)$/.exec(key)
    if (match?.[1] && typeof value === 'string') fonts[match[1]] = value
  }
  for (const [name, fontFile] of Object.entries(fonts)) {
    try {
      // Only check: the CJK fonts are tens of megabytes and are read when a run needs them.
      accessSync(fontFile, constants.R_OK)
    } catch {
      throw new ThemeError(`${file}: theme key \`font_${name}\`: cannot read ${fontFile}`)
    }
  }
  return fonts
}

let defaultKeys: string[] | undefined
function knownKeys(): string[] {
  defaultKeys ??= Object.keys(parseYaml(readFileSync(path.join(DEFAULT_THEME_DIR, 'theme.yaml'), 'utf8')) as object)
  return defaultKeys
}
