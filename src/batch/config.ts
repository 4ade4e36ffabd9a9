/**
 * The config file: `offprint.config.json`, `.yaml` or `.yml` in the working folder sets defaults
 * for the build command; flags on the command line win. Paths in it are relative to the file.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { closest } from 'fastest-levenshtein'
import { parse as parseYaml } from 'yaml'
import type { Format } from '../pipeline.js'

/** Defaults a config file may set. */
export interface BuildConfig {
  /** Output folder. */
  out?: string
  formats?: Format[]
  /** Theme folder. */
  template?: string
  /** Worker threads. */
  jobs?: number
  /** Files or folders to build when the command names none. */
  paths?: string[]
  /** Heap of each document's build, in MB (`--max-memory`; 0: no cap). */
  maxMemory?: number
  /** Largest Markdown file built, in MB (`--max-input-size`). */
  maxInputSize?: number
}

/** The keys a config file may hold. */
const KEYS = ['out', 'formats', 'template', 'jobs', 'paths', 'max_memory', 'max_input_size']

/** The names offprint looks for, in this order. */
export const CONFIG_FILES = ['offprint.config.json', 'offprint.config.yaml', 'offprint.config.yml']

/** Raised for a config file that cannot be used; the message names the file and the key. */
export class ConfigError extends Error {}

const FORMATS: Format[] = ['pdf', 'epub']

/** Read the config file in `dir`, if there is one. */
export function loadConfig(dir = process.cwd()): BuildConfig {
  const file = CONFIG_FILES.map((name) => path.join(dir, name)).find((candidate) => existsSync(candidate))
  if (!file) return {}
  let raw: unknown
  try {
    const text = readFileSync(file, 'utf8')
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)
  } catch (error) {
    throw new ConfigError(`${file}: ${(error as Error).message.split('\n')[0]}`)
  }
  if (raw === null || raw === undefined) return {}
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${file}: expected a mapping of keys (${KEYS.join(', ')})`)
  const config: BuildConfig = {}
  const base = path.dirname(file)
  const bad = (key: string, expected: string, value: unknown) => new ConfigError(`${file}: \`${key}\` must be ${expected}, got ${JSON.stringify(value)}`)
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'out' || key === 'template') {
      if (typeof value !== 'string' || value === '') throw bad(key, 'a folder path', value)
      config[key] = relative(base, value)
    } else if (key === 'formats') {
      const list = typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value
      if (!Array.isArray(list) || list.length === 0 || !list.every((item) => FORMATS.includes(item as Format))) throw bad(key, 'a list of pdf, epub', value)
      config.formats = list as Format[]
    } else if (key === 'jobs' || key === 'max_input_size' || key === 'max_memory') {
      const least = key === 'max_memory' ? 0 : 1
      if (!Number.isInteger(value) || (value as number) < least) throw bad(key, `a whole number ≥ ${least}`, value)
      config[key === 'jobs' ? 'jobs' : key === 'max_memory' ? 'maxMemory' : 'maxInputSize'] = value as number
    } else if (key === 'paths') {
      const list = typeof value === 'string' ? [value] : value
      if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) throw bad(key, 'a list of files or folders', value)
      config.paths = list.map((item: string) => relative(base, item))
    } else {
      throw new ConfigError(`${file}: unknown key \`${key}\`; did you mean \`${closest(key, KEYS)}\`?`)
    }
  }
  return config
}

/** A path written in the config file, as seen from the working folder (short in messages). */
function relative(base: string, value: string): string {
  return path.relative(process.cwd(), path.resolve(base, value)) || '.'
}
