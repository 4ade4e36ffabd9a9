/** External validators (epubcheck, qpdf, poppler): found, or a clear failure under CI=true. */
import { execFile, execFileSync, spawnSync } from 'node:child_process'
import { realpathSync } from 'node:fs'

function which(command: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' })
  return result.status === 0 ? result.stdout.trim() : undefined
}

/**
 * Whether `command` is installed. Under CI=true a missing validator throws (CI must fail, not skip);
 * elsewhere the calling test is skipped with a note.
 */
export function hasTool(command: string): boolean {
  const found = which(command) !== undefined
  if (!found && process.env.CI === 'true') throw new Error(`${command} is not installed; .ci/run installs it (apt-get install epubcheck qpdf poppler-utils)`)
  return found
}

/** epubcheck's verdict on a file: counts of errors and warnings, and its full report. */
export function epubcheck(file: string): { errors: number; warnings: number; fatals: number; report: string } {
  // Debian's epubcheck is a jar behind a wrapper script.
  const jar = realpathSync(which('epubcheck')!)
  const result = spawnSync('java', ['-jar', jar, '--quiet', file], { encoding: 'utf8' })
  const report = `${result.stdout}\n${result.stderr}`
  const count = (kind: string) => (report.match(new RegExp(`^${kind}`, 'gm')) ?? []).length
  return { errors: count('ERROR'), warnings: count('WARNING'), fatals: count('FATAL'), report }
}

/** `qpdf --check` passes (structure, xref, streams). */
export function qpdfCheck(file: string): { ok: boolean; report: string } {
  const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' })
  return { ok: result.status === 0, report: result.stdout + result.stderr }
}

/** Rows of `pdffonts`: name, type, embedded. */
export function pdffonts(file: string): { name: string; embedded: boolean }[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/)
    return { name: columns[0]!, embedded: columns.at(-5) === 'yes' }
  })
}

/**
 * epubcheck over many files in one JVM (test/helpers/EpubcheckMany.java, run as a single-file
 * source program): one start-up instead of seconds per file. Returns the full report.
 */
export async function epubcheckMany(files: string[]): Promise<{ failed: number; report: string }> {
  const jar = realpathSync(which('epubcheck')!)
  const source = new URL('./EpubcheckMany.java', import.meta.url).pathname
  // Asynchronous: this runs for tens of seconds, and a test worker blocked that long stops
  // answering vitest, which then fails the run with an RPC timeout.
  const report = await new Promise<string>((resolve) => {
    execFile('java', ['-cp', jar, source, ...files], { encoding: 'utf8', maxBuffer: 1 << 26 }, (_error, stdout, stderr) => resolve(`${stdout}\n${stderr}`))
  })
  const failed = (report.match(/^RESULT [1-9]/gm) ?? []).length
  return { failed, report }
}

/** The text poppler's pdftotext reads from a PDF, without the direction marks it adds around right-to-left lines. */
export function pdftotext(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 }).replace(/[\u202a-\u202e]/g, '')
}
