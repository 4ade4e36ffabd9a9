/**
 * The `build` command's options and action: config file defaults, then flags; the batch with its
 * progress, summary and report; and `--watch`. cli.ts only mounts it.
 */
import { InvalidArgumentError, Option, type Command } from 'commander'
import { findInputs } from '../build.js'
import { DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_MEMORY_MB } from '../limits.js'
import type { Format } from '../pipeline.js'
import { isPdfStandard, PDF_STANDARDS, type PdfStandard } from '../render-pdf/standard.js'
import { loadTheme, ThemeError, type Theme } from '../theme/load-theme.js'
import { ConfigError, loadConfig } from './config.js'
import { createProgress, progressMode, type Output } from './progress.js'
import { summaryLine, writeReport } from './report.js'
import { runBatch, WorkerPool } from './run.js'
import { cleanUpOnSignal } from '../write.js'
import { watchPaths } from './watch.js'

/** Exit codes: success, a document failed, the command line (or theme, or config) was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

const FORMATS: Format[] = ['pdf', 'epub']

function parseFormats(value: string): Format[] {
  const formats = value.split(',').map((format) => format.trim().toLowerCase())
  for (const format of formats) if (!FORMATS.includes(format as Format)) throw new InvalidArgumentError(`unknown format "${format}" (expected pdf, epub)`)
  return formats as Format[]
}

/** Commander parser for `--pdf-standard` values. */
export function parsePdfStandard(value: string): PdfStandard {
  const standard = value.trim().toLowerCase()
  if (!isPdfStandard(standard)) throw new InvalidArgumentError(`unknown PDF standard "${value}" (expected ${PDF_STANDARDS.join(', ')})`)
  return standard
}

/** Commander parser for whole numbers of at least `least`. */
const wholeNumber = (least: number) => (value: string): number => {
  const number = Number(value)
  if (!Number.isInteger(number) || number < least) throw new InvalidArgumentError(`expected a whole number ≥ ${least}`)
  return number
}

interface Flags {
  out: string
  format: Format[]
  template?: string
  strict?: boolean
  pdfStandard?: PdfStandard
  allowRemote?: boolean
  force?: boolean
  cache: boolean
  jobs?: number
  quiet?: boolean
  report?: string
  watch?: boolean
  maxMemory: number
  maxInputSize: number
}

/** Add the `build` command to `program`; `setCode` receives the exit code when the action ends. */
export function addBuildCommand(program: Command, out: Output, err: Output, setCode: (code: number) => void): Command {
  const command = program
    .command('build')
    .description('build Markdown files (or every *.md in folders) into PDF and EPUB')
    .argument('[paths...]', 'Markdown files or folders (default: content, or `paths` in the config file)')
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('-f, --format <list>', 'formats to write: pdf,epub', parseFormats, FORMATS)
    .option('-t, --template <dir>', 'theme folder (holding theme.yaml)')
    .option('--strict', 'treat warnings as errors: a document with any warning fails')
    .option('--pdf-standard <standard>', `PDF standard: ${PDF_STANDARDS.join(', ')} (default: the theme's pdf_standard, pdfa-3a)`, parsePdfStandard)
    .option('--allow-remote', 'fetch http(s) images from public hosts (10 s, 20 MB each; such builds skip the cache)')
    .option('--force', 'rebuild every document, even unchanged ones')
    .option('--no-cache', 'neither read nor write the cache (output/.offprint-cache)')
    .addOption(new Option('-j, --jobs <n>', 'worker threads (default: one per core)').argParser(wholeNumber(1)))
    .addOption(new Option('--max-memory <MB>', 'heap of each document\'s build; a document needing more fails (0: no cap)').argParser(wholeNumber(0)).default(DEFAULT_MAX_MEMORY_MB))
    .addOption(new Option('--max-input-size <MB>', 'largest Markdown file built; larger ones fail at once').argParser(wholeNumber(1)).default(DEFAULT_MAX_INPUT_BYTES / 1024 / 1024))
    .option('-q, --quiet', 'print only problems: no progress and no summary')
    .option('--report <file>', 'write a JSON report of every document')
    .option('-w, --watch', 'after building, rebuild whenever a file changes (Ctrl-C stops)')
  command.action(async (paths: string[], flags: Flags) => setCode(await runBuildCommand(paths, flags, command, out, err)))
  return command
}

async function runBuildCommand(given: string[], flags: Flags, command: Command, out: Output, err: Output): Promise<number> {
  // Flags typed on the command line win over the config file, which wins over the defaults.
  const fromCli = (name: string) => command.getOptionValueSource(name) === 'cli'
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    err.write(`${error.message}\n`)
    return EXIT.usage
  }
  const outDir = fromCli('out') ? flags.out : (config.out ?? flags.out)
  const formats = fromCli('format') ? flags.format : (config.formats ?? flags.format)
  const template = fromCli('template') ? flags.template : (config.template ?? flags.template)
  const jobs = fromCli('jobs') ? flags.jobs : (config.jobs ?? flags.jobs)
  const maxMemory = fromCli('maxMemory') ? flags.maxMemory : (config.maxMemory ?? flags.maxMemory)
  const maxInputSize = fromCli('maxInputSize') ? flags.maxInputSize : (config.maxInputSize ?? flags.maxInputSize)
  const paths = given.length > 0 ? given : (config.paths ?? ['content'])

  // `--watch` keeps its workers between rebuilds: a rebuild finds fonts parsed and code loaded.
  const workers = flags.watch ? new WorkerPool() : undefined
  const once = async (force: boolean | undefined): Promise<number> => {
    let theme: Theme
    try {
      theme = loadTheme(template)
    } catch (error) {
      if (!(error instanceof ThemeError)) throw error
      err.write(`${error.message}\n`)
      return EXIT.usage
    }
    let inputs: string[]
    try {
      inputs = await findInputs(paths)
    } catch (error) {
      err.write(`offprint: ${(error as Error).message}\n`)
      return EXIT.usage
    }
    if (inputs.length === 0) {
      err.write(`offprint: no Markdown files in ${paths.join(', ')}\n`)
      return EXIT.usage
    }
    const progress = createProgress(progressMode(flags.quiet, err), inputs.length, out, err)
    const uninstall = cleanUpOnSignal(outDir, err)
    const { documents, summary } = await runBatch(inputs, { outDir, formats, theme, strict: flags.strict, pdfStandard: flags.pdfStandard, allowRemote: flags.allowRemote, force, noCache: !flags.cache, jobs, maxMemoryMb: maxMemory, maxInputBytes: maxInputSize * 1024 * 1024, workers }, (report) => progress.document(report)).finally(uninstall)
    progress.done()
    if (!flags.quiet) out.write(`${summaryLine(summary)}\n`)
    if (flags.report) await writeReport(flags.report, summary, documents)
    return summary.failed > 0 ? EXIT.failed : EXIT.ok
  }

  const code = await once(flags.force)
  if (!flags.watch) return code
  await watchPaths([...paths, ...(template ? [template] : [])], [outDir], async () => {
    await once(false)
  }, () => {
    if (!flags.quiet) out.write('watching for changes (Ctrl-C to stop)\n')
  })
  // Runs until the process is interrupted.
  return new Promise<number>(() => {})
}
