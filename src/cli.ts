/** The command line: argv → calls into the library; prints messages; sets the exit code. */
import { Command, CommanderError } from 'commander'
import { addBuildCommand, EXIT, parsePdfStandard } from './batch/command.js'
import type { VerifyCommandOptions } from './commands/verify.js'
import { OFFPRINT_VERSION } from './package-root.js'

/** Exit codes: success, a document failed, the command line was wrong. */
export { EXIT }


/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function run(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const program = new Command('offprint')
    .description('Markdown articles to print-ready PDF and EPUB 3')
    .version(OFFPRINT_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (text) => out.write(text), writeErr: (text) => err.write(text) })
  let code: number = EXIT.ok
  addBuildCommand(program, out, err, (result) => {
    code = result
  })
  program
    .command('extract')
    .description('write out the Markdown source and images embedded in an offprint PDF')
    .argument('<pdf>', 'a PDF built by offprint')
    .option('-o, --out <dir>', 'output folder (default: <name>-source)')
    .action(async (file: string, options: { out?: string }) => {
      // extract and verify are loaded only when they run: pdf.js (and the canvas it pulls in)
      // cost every build ~1 s of start-up.
      const { runExtract } = await import('./commands/extract.js')
      code = await runExtract(file, options, out, err)
    })
  program
    .command('verify')
    .description('check PDF and EPUB outputs against their Markdown source (title, attribution, headings, words, links, epubcheck)')
    .argument('[paths...]', 'Markdown files or folders', ['content'])
    .option('-o, --out <dir>', 'folder holding the outputs', 'output')
    .option('-t, --template <dir>', 'theme folder (holding theme.yaml), for --rebuild')
    .option('--rebuild', 'build fresh outputs in a temporary folder, check them, and compare them byte for byte with those in --out')
    .option('--pdf-standard <standard>', 'PDF standard for --rebuild', parsePdfStandard)
    .action(async (paths: string[], options: VerifyCommandOptions) => {
      const { runVerify } = await import('./commands/verify.js')
      code = await runVerify(paths, options, out, err)
    })
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    throw error
  }
  return code
}
