/**
 * Hyphenation by language with the TeX patterns (Liang's algorithm) that the `hyphen` package ports
 * from CTAN, one module per language (`hyphen/en-us`, `hyphen/de`, …).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { requireFromRoot } from '../../package-root.js'

/** Split a word into the pieces between which a hyphen may go (`["hy", "phen", "ation"]`). */
export type Hyphenator = (word: string) => string[]

interface HyphenModule {
  hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string
}

const require = requireFromRoot
const packageDir = path.dirname(require.resolve('hyphen/package.json'))
const cache = new Map<string, Hyphenator | undefined>()

/** Pattern module names to try for a BCP 47 tag, most specific first (`en-GB` → `en-gb`, `en`). */
export function patternCandidates(lang: string): string[] {
  const parts = lang.toLowerCase().split(/[-_]/).filter((part) => /^[a-z0-9]{1,8}$/.test(part))
  const candidates: string[] = []
  for (let length = parts.length; length >= 1; length--) candidates.push(parts.slice(0, length).join('-'))
  return candidates
}

/** The hyphenator for a language, or undefined when no patterns exist for it. */
export function hyphenatorFor(lang: string): Hyphenator | undefined {
  if (cache.has(lang)) return cache.get(lang)
  // Only names that exist as folders of the package are loaded: `lang` comes from the document.
  const name = patternCandidates(lang).find((candidate) => existsSync(path.join(packageDir, candidate, 'index.js')))
  let hyphenator: Hyphenator | undefined
  if (name) {
    const module = require(`hyphen/${name}`) as HyphenModule
    hyphenator = (word) => module.hyphenateSync(word, { hyphenChar: '\u00ad' }).split('\u00ad')
  }
  cache.set(lang, hyphenator)
  return hyphenator
}
