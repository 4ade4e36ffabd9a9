/**
 * Where offprint's own files live. Every module finds `package.json`, `templates/` and `dist/` from
 * here rather than relative to its own file: the same code runs from `src/` (tests), from `dist/`
 * (the library) and from the bundles in `dist/bundle/` (the CLI), at different depths.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const manifest = path.join(dir, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'offprint') return dir
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`assert: no offprint package.json above ${fileURLToPath(import.meta.url)}`)
    dir = parent
  }
}

/** The folder holding offprint's package.json. */
export const PACKAGE_ROOT = findRoot()

/** offprint's version, from its package.json. */
export const OFFPRINT_VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version

/** A file or folder of the package (`fromRoot('templates', 'epub')`). */
export function fromRoot(...parts: string[]): string {
  return path.join(PACKAGE_ROOT, ...parts)
}

/** `require` resolving from the package root: finds offprint's dependencies wherever this module runs from. */
export const requireFromRoot = createRequire(path.join(PACKAGE_ROOT, 'package.json'))
