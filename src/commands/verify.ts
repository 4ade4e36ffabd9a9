/** `offprint verify PATH...`: check each document's PDF and EPUB against its source and print a short report. */
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { findInputs } from '../build.js'
import { parse } from '../parse/index.js'
import { buildFile, readSource } from '../pipeline.js'
import type { PdfStandard } from '../render-pdf/standard.js'
import { loadTheme, ThemeError, type Theme } from '../theme/load-theme.js'
import { verifyOutputs, type CheckResult } from '../verify/index.js'

/** Options of `offprint verify`. */
export interface VerifyCommandOptions {
  /** Folder holding the outputs to check (`DIR/<name>.pdf`, `DIR/<name>.epub`). */
  out: string
  template?: string
  /** Build fresh outputs in a temporary folder, check those, and compare them with the ones in `out`. */
  rebuild?: boolean
  pdfStandard?: PdfStandard
}

const LABEL: Record<CheckResult['status'], string> = { ok: 'ok  ', fail: 'FAIL', skip: 'skip' }

/** Verify one Markdown file's outputs; returns the results of every check. */
async function verifyInput(input: string, theme: Theme, options: VerifyCommandOptions): Promise<CheckResult[]> {
  const stem = path.basename(input, path.extname(input))
  const existing = { pdf: path.join(options.out, `${stem}.pdf`), epub: path.join(options.out, `${stem}.epub`) }
  if (!options.rebuild) {
    const missing = Object.values(existing).filter((file) => !existsSync(file))
    if (missing.length > 0) return [{ name: 'outputs exist', status: 'fail', detail: `not found: ${missing.join(', ')} (run offprint build, or verify --rebuild)` }]
    return verifyOutputs(parse(await readSource(input)), existing)
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'offprint-verify-'))
  try {
    const built = await buildFile(input, { outDir: dir, formats: ['pdf', 'epub'], theme, pdfStandard: options.pdfStandard })
    if (!built.ok) return [{ name: 'rebuild', status: 'fail', detail: built.messages.map((message) => message.reason).join('; ') }]
    const fresh = { pdf: built.outputs.pdf!, epub: built.outputs.epub! }
    const results = await verifyOutputs(parse(await readSource(input)), fresh)
    for (const format of ['pdf', 'epub'] as const) {
      if (!existsSync(existing[format])) continue
      const same = readFileSync(existing[format]).equals(readFileSync(fresh[format]))
      results.push({ name: `${existing[format]} = a fresh build`, status: same ? 'ok' : 'fail', detail: same ? 'byte-identical' : 'differs (built from another source, theme, standard or version?)' })
    }
    return results
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The CLI command: a report per document; exit 0 all passed, 1 a check failed, 2 usage. */
export async function runVerify(paths: string[], options: VerifyCommandOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  let theme: Theme
  let inputs: string[]
  try {
    theme = loadTheme(options.template)
    inputs = await findInputs(paths)
  } catch (error) {
    err.write(`${error instanceof ThemeError ? '' : 'offprint: '}${(error as Error).message}\n`)
    return 2
  }
  if (inputs.length === 0) {
    err.write(`offprint: no Markdown files in ${paths.join(', ')}\n`)
    return 2
  }
  let failed = 0
  for (const input of inputs) {
    let results: CheckResult[]
    try {
      results = await verifyInput(input, theme, options)
    } catch (error) {
      results = [{ name: 'read outputs', status: 'fail', detail: (error as Error).message }]
    }
    out.write(`${input}\n`)
    for (const result of results) out.write(`  ${LABEL[result.status]}  ${result.name}: ${result.detail}\n`)
    if (results.some((result) => result.status === 'fail')) failed++
  }
  out.write(`verified ${inputs.length} document(s): ${inputs.length - failed} passed, ${failed} failed\n`)
  return failed > 0 ? 1 : 0
}
