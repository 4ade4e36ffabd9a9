/** Build many documents: find the Markdown inputs, build each, collect the results. */
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { buildFile, type BuildOptions, type BuildResult } from './pipeline.js'

/** The outcome of a whole build. */
export interface BuildSummary {
  results: BuildResult[]
  /** Documents that failed (their other formats and the other documents still built). */
  failed: number
}

/** Every Markdown file named, or inside a folder named (`*.md`, sorted, not recursing into dot folders). */
export async function findInputs(paths: string[]): Promise<string[]> {
  const found: string[] = []
  for (const input of paths) {
    const info = await stat(input)
    if (info.isDirectory()) {
      const entries = await readdir(input, { withFileTypes: true, recursive: true })
      for (const entry of entries) {
        const full = path.join(entry.parentPath, entry.name)
        if (entry.isFile() && entry.name.endsWith('.md') && !path.relative(input, full).split(path.sep).some((part) => part.startsWith('.'))) found.push(full)
      }
    } else {
      found.push(input)
    }
  }
  return [...new Set(found)].sort()
}

/** Build every input; the order of results is the order of inputs. */
export async function build(inputs: string[], options: BuildOptions, onResult?: (result: BuildResult) => void): Promise<BuildSummary> {
  const results: BuildResult[] = []
  for (const input of inputs) {
    const result = await buildFile(input, options)
    onResult?.(result)
    results.push(result)
  }
  return { results, failed: results.filter((result) => !result.ok).length }
}
