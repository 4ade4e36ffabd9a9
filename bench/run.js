#!/usr/bin/env node
/**
 * `npm run bench`: offprint's speed on this machine, side by side with pandoc when it is on the PATH.
 * A benchmark, not a test: it asserts nothing, it prints wall time, pages per second and peak RSS of
 * each run (a fresh process each time, as a user runs it) and the offprint/pandoc ratios, and compares
 * them with the targets of the issue. Inputs are generated deterministically into a temporary folder.
 *
 *   npm run bench                 # everything
 *   BENCH_ONLY=seed,book npm run bench   # some cases (seed, epub, book, batch, large1, large3)
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { article, book, large } from './generate.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = path.join(ROOT, 'bin', 'offprint.js')
const SEED = path.join(ROOT, 'content', 'amnesty-syria-report.md')
const work = mkdtempSync(path.join(tmpdir(), 'offprint-bench-'))
const only = process.env.BENCH_ONLY?.split(',')
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3)
const hasTime = existsSync('/usr/bin/time')
const which = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0
const hasPandoc = which('pandoc')

/** Run a command; wall seconds, CPU seconds (user + system) and peak RSS in MB (GNU time), exit status, stderr. */
function measure(command, args, cwd = work) {
  const timeFile = path.join(work, 'time.txt')
  const argv = hasTime ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, command, ...args]] : [command, args]
  const started = process.hrtime.bigint()
  const result = spawnSync(argv[0], argv[1], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const [kb, user, system] = hasTime && existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number) : []
  return { seconds, cpu: user + system, rss: kb / 1024, status: result.status, stderr: result.stderr }
}

/** The median run of `times` (by wall time). */
function median(times, run) {
  const runs = Array.from({ length: times }, run).sort((a, b) => a.seconds - b.seconds)
  return runs[Math.floor(runs.length / 2)]
}

/** One offprint build in a fresh process (no cache); pages from its JSON report. */
function offprint(inputs, formats, extra = []) {
  const out = path.join(work, 'out-offprint')
  rmSync(out, { recursive: true, force: true })
  const report = path.join(work, 'report.json')
  const run = measure(process.execPath, [BIN, 'build', ...inputs, '--out', out, '--format', formats, '--no-cache', '-q', '--report', report, ...extra])
  if (run.status !== 0) console.error(`offprint exited ${run.status}: ${run.stderr.slice(0, 500)}`)
  const pages = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')).summary.pages : NaN
  return { ...run, pages }
}

/** pandoc on each input (one process per document, as a script would run it). */
function pandoc(inputs, format) {
  const out = path.join(work, 'out-pandoc')
  mkdirSync(out, { recursive: true })
  let seconds = 0
  let cpu = 0
  let rss = 0
  let failed = 0
  let error = ''
  for (const input of inputs) {
    const target = path.join(out, `${path.basename(input, '.md')}.${format}`)
    const run = measure('pandoc', [input, '--standalone', '-o', target])
    seconds += run.seconds
    cpu += run.cpu
    rss = Math.max(rss, run.rss)
    if (run.status !== 0) {
      failed++
      error ||= run.stderr.trim().split('\n').slice(0, 2).join(' ')
    }
  }
  return { seconds, cpu, rss, failed, error }
}

const rows = []
const fmt = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '–')

function report(name, result, pandocResult, target) {
  const row = { name, seconds: result.seconds, cpu: result.cpu, pages: result.pages, rss: result.rss, pandoc: pandocResult, target }
  rows.push(row)
  const pandocText = !pandocResult ? 'pandoc: not on PATH' : pandocResult.failed ? `pandoc: FAILED (${pandocResult.error.slice(0, 120)})` : `pandoc ${fmt(pandocResult.seconds)} s (cpu ${fmt(pandocResult.cpu)}), ${fmt(pandocResult.rss, 0)} MB → ratio ${fmt(result.seconds / pandocResult.seconds)} (cpu ${fmt(result.cpu / pandocResult.cpu)})`
  console.log(`${name.padEnd(34)} ${fmt(result.seconds).padStart(7)} s (cpu ${fmt(result.cpu).padStart(6)})  ${String(result.pages).padStart(5)} pages  ${fmt(result.pages / result.seconds, 1).padStart(7)} pages/s  ${fmt(result.rss, 0).padStart(5)} MB   ${pandocText}${target ? `   [target: ${target}]` : ''}`)
}

console.log(`offprint bench — node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), work folder ${work}`)
console.log(`pandoc: ${hasPandoc ? spawnSync('pandoc', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] : 'not on PATH (install it to compare)'}; peak RSS: ${hasTime ? '/usr/bin/time' : 'unavailable'}`)
console.log(`cold-process cases are the median of ${REPEAT} runs; load average now ${loadavg().map((load) => load.toFixed(1)).join(' ')} (on a shared machine, compare CPU seconds too)\n`)
const want = (name) => !only || only.includes(name)

// (1) The seed article, PDF + EPUB, cold process.
const seed = path.join(work, 'seed.md')
copyFileSync(SEED, seed)
if (want('seed')) {
  const result = median(REPEAT, () => offprint([seed], 'pdf,epub'))
  const theirs = hasPandoc ? (() => {
    const epub = median(REPEAT, () => pandoc([seed], 'epub'))
    const pdf = median(REPEAT, () => pandoc([seed], 'pdf'))
    return { seconds: epub.seconds + pdf.seconds, cpu: epub.cpu + pdf.cpu, rss: Math.max(epub.rss, pdf.rss), failed: pdf.failed + epub.failed, error: pdf.error || epub.error }
  })() : undefined
  report('seed article, PDF + EPUB, cold', result, theirs, '≤ 0.3× pandoc EPUB + PDF')
}

// (2) EPUB only, cold.
if (want('epub')) report('seed article, EPUB only, cold', median(REPEAT, () => offprint([seed], 'epub')), hasPandoc ? median(REPEAT, () => pandoc([seed], 'epub')) : undefined, '≤ 1.5× pandoc EPUB')

// (3) A book of 300+ pages.
if (want('book')) {
  const file = path.join(work, 'book.md')
  writeFileSync(file, book(Number(process.env.BENCH_BOOK_CHAPTERS ?? 44)))
  const result = offprint([file], 'pdf,epub')
  report(`book (${(readFileSync(file).length / 1024).toFixed(0)} kB), PDF + EPUB`, result, hasPandoc ? pandoc([file], 'pdf') : undefined, '≤ 0.2× pandoc PDF; RSS < 300 MB')
}

// (4) A batch of 200 articles (all cores).
if (want('batch')) {
  const folder = path.join(work, 'batch')
  mkdirSync(folder, { recursive: true })
  const files = Array.from({ length: 200 }, (_, index) => {
    const file = path.join(folder, `article-${String(index).padStart(3, '0')}.md`)
    writeFileSync(file, article(index))
    return file
  })
  const result = offprint([folder], 'pdf,epub')
  report(`batch of 200 articles, PDF + EPUB`, result, hasPandoc ? pandoc(files, 'epub') : undefined, '≥ 40 articles/s (pandoc: EPUB only)')
  // On a loaded machine the wall rate says little; CPU per article tells what two idle cores would do.
  console.log(`${''.padEnd(34)} → ${fmt(200 / result.seconds, 1)} articles/s, ${fmt((result.cpu / 200) * 1000, 0)} ms CPU per article (${fmt(availableParallelism() / (result.cpu / 200), 1)} articles/s on ${availableParallelism()} idle cores)`)
  // Fill a cache, then time a run in which every document is unchanged.
  measure(process.execPath, [BIN, 'build', folder, '--out', path.join(work, 'out-cached'), '-q'])
  const second = measure(process.execPath, [BIN, 'build', folder, '--out', path.join(work, 'out-cached'), '-q'])
  console.log(`${'batch again, all 200 unchanged'.padEnd(34)} ${fmt(second.seconds).padStart(7)} s   (cache hit; target: well under 1 s for 500)`)
}

// (5) Large documents: lists, quotes, tables, code, references.
for (const [name, bytes, target] of [['large1', 1024 * 1024, '< 3 s, RSS < 400 MB'], ['large3', 3 * 1024 * 1024, '< 10 s']]) {
  if (!want(name)) continue
  const file = path.join(work, `${name}.md`)
  writeFileSync(file, large(bytes))
  report(`${bytes / 1024 / 1024} MB document, PDF + EPUB`, offprint([file], 'pdf,epub'), hasPandoc ? pandoc([file], 'epub') : undefined, `${target} (pandoc: EPUB)`)
}

rmSync(work, { recursive: true, force: true })
