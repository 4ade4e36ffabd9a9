/** The command line: argv → calls into the library; prints messages; sets the exit code. */
import { readFileSync } from 'node:fs'
import { Command, CommanderError, InvalidArgumentError } from 'commander'
import { build, findInputs } from './build.js'
import { runExtract } from './commands/extract.js'
import { formatMessage } from './messages.js'
import type { Format } from './pipeline.js'
import { isPdfStandard, PDF_STANDARDS, type PdfStandard } from './render-pdf/standard.js'
import { loadTheme, ThemeError } from './theme/load-theme.js'

/** Exit codes: success, a document failed, the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

const FORMATS: Format[] = ['pdf', 'epub']

function parseFormats(value: string): Format[] {
  const formats = value.split(',').map((format) => format.trim().toLowerCase())
  for (const format of formats) if (!FORMATS.includes(format as Format)) throw new InvalidArgumentError(`unknown format "${format}" (expected pdf, epub)`)
  return formats as Format[]
}

function parsePdfStandard(value: string): PdfStandard {
  const standard = value.trim().toLowerCase()
  if (!isPdfStandard(standard)) throw new InvalidArgumentError(`unknown PDF standard "${value}" (expected ${PDF_STANDARDS.join(', ')})`)
  return standard
}

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function run(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const program = new Command('offprint')
    .description('Markdown articles to print-ready PDF and EPUB 3')
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: (text) => out.write(text), writeErr: (text) => err.write(text) })
  let code: number = EXIT.ok
  program
    .command('build')
    .description('build Markdown files (or every *.md in folders) into PDF and EPUB')
    .argument('[paths...]', 'Markdown files or folders', ['content'])
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('-f, --format <list>', 'formats to write: pdf,epub', parseFormats, FORMATS)
    .option('-t, --template <dir>', 'theme folder (holding theme.yaml)')
    .option('--strict', 'treat warnings as errors: a document with any warning fails')
    .option('--pdf-standard <standard>', `PDF standard: ${PDF_STANDARDS.join(', ')} (default: the theme's pdf_standard, pdfa-3a)`, parsePdfStandard)
    .action(async (paths: string[], options: { out: string; format: Format[]; template?: string; strict?: boolean; pdfStandard?: PdfStandard }) => {
      let theme
      try {
        theme = loadTheme(options.template)
      } catch (error) {
        if (!(error instanceof ThemeError)) throw error
        err.write(`${error.message}\n`)
        code = EXIT.usage
        return
      }
      let inputs: string[]
      try {
        inputs = await findInputs(paths)
      } catch (error) {
        err.write(`offprint: ${(error as Error).message}\n`)
        code = EXIT.usage
        return
      }
      if (inputs.length === 0) {
        err.write(`offprint: no Markdown files in ${paths.join(', ')}\n`)
        code = EXIT.usage
        return
      }
      const summary = await build(inputs, { outDir: options.out, formats: options.format, theme, strict: options.strict, pdfStandard: options.pdfStandard }, (result) => {
        for (const message of result.messages) err.write(`${formatMessage(message, result.input)}\n`)
        const written = Object.values(result.outputs).join(', ')
        out.write(result.ok ? `built ${result.input} → ${written}\n` : `failed ${result.input}\n`)
      })
      code = summary.failed > 0 ? EXIT.failed : EXIT.ok
    })
  program
    .command('extract')
    .description('write out the Markdown source and images embedded in an offprint PDF')
    .argument('<pdf>', 'a PDF built by offprint')
    .option('-o, --out <dir>', 'output folder (default: <name>-source)')
    .action(async (file: string, options: { out?: string }) => {
      code = await runExtract(file, options, out, err)
    })
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    throw error
  }
  return code
}
