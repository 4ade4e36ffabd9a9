/** Building fixtures in a temporary folder through the library API, as the CLI does. */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildFile, loadTheme, type BuildResult, type Format } from '../../src/index.js'

/** A fresh temporary folder. */
export function tempDir(prefix = 'offprint-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix))
}

/** Write Markdown (and optional side files) into a temp content folder and build it. */
export async function buildMarkdown(markdown: string | Buffer, options: { name?: string; formats?: Format[]; files?: Record<string, string | Buffer>; strict?: boolean; allowRemote?: boolean; template?: string; setup?: (content: string) => void } = {}): Promise<BuildResult & { dir: string; pdf: string; epub: string }> {
  const dir = tempDir()
  const content = path.join(dir, 'content')
  mkdirSync(content, { recursive: true })
  for (const [name, data] of Object.entries(options.files ?? {})) {
    mkdirSync(path.dirname(path.join(content, name)), { recursive: true })
    writeFileSync(path.join(content, name), data)
  }
  options.setup?.(content)
  const name = options.name ?? 'doc'
  const input = path.join(content, `${name}.md`)
  writeFileSync(input, markdown)
  const outDir = path.join(dir, 'output')
  const result = await buildFile(input, { outDir, formats: options.formats ?? ['pdf', 'epub'], theme: loadTheme(options.template), strict: options.strict, allowRemote: options.allowRemote })
  return { ...result, dir, pdf: path.join(outDir, `${name}.pdf`), epub: path.join(outDir, `${name}.epub`) }
}
