/**
 * What one document may take (src/limits.ts): a file over `--max-input-size` fails before it is
 * read, a build over `--max-memory` is stopped in its worker, and an interrupt stops a long build in
 * the middle of its layout. In each case the other documents build and no earlier output is lost.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { large } from '../bench/generate.js'
import { offprint, project } from './helpers/cli.js'
import { readEpub } from './helpers/epub.js'

const BIN = path.resolve('bin/offprint.js')
const SEED = readFileSync('test/fixtures/seed/article.txt', 'utf8')
const seed = `---\ntitle: The seed\n---\n\n${SEED}\n`
const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith('.')).sort() : [])

describe('input size limit', () => {
  it('fails a file over the default 8 MiB at 1:1 without building it; the others build; an earlier output stays', async () => {
    const dir = project({ 'content/huge.md': `---\ntitle: Huge\n---\n\n${'word '.repeat(1_700_000)}\n`, 'content/seed.md': seed, 'output/huge.epub': 'an earlier good build' })
    const result = await offprint(['build', '--format', 'epub'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${path.join('content', 'huge.md')}:1:1: error: the file is 8.1 MiB, more than the 8.0 MiB offprint builds (--max-input-size); split it into smaller files, or raise the limit [input-too-large]`)
    expect(files(path.join(dir, 'output'))).toEqual(['huge.epub', 'seed.epub'])
    expect(readFileSync(path.join(dir, 'output/huge.epub'), 'utf8')).toBe('an earlier good build')
    expect((await readEpub(path.join(dir, 'output/seed.epub'))).metadata['dc:title']).toEqual(['The seed'])
  })

  it('takes max_input_size from offprint.config.yaml; the flag wins over it', async () => {
    const dir = project({ 'content/long.md': `---\ntitle: Long\n---\n\n${'word '.repeat(300_000)}\n`, 'offprint.config.yaml': 'max_input_size: 1\nmax_memory: 1024\n' })
    const limited = await offprint(['build', '--format', 'epub'], dir)
    expect(limited.code).toBe(1)
    expect(limited.stderr).toContain('the file is 1.4 MiB, more than the 1.0 MiB offprint builds')
    expect(files(path.join(dir, 'output'))).toEqual([])
    expect((await offprint(['build', '--format', 'epub', '--max-input-size', '2'], dir)).code).toBe(0)
    expect(files(path.join(dir, 'output'))).toEqual(['long.epub'])
  })

  it('builds the same file when --max-input-size allows it', async () => {
    const dir = project({ 'content/long.md': `---\ntitle: Long\n---\n\n${'word '.repeat(300_000)}\n` })
    expect((await offprint(['build', '--format', 'epub', '--max-input-size', '1'], dir)).stderr).toContain('the file is 1.4 MiB, more than the 1.0 MiB')
    const result = await offprint(['build', '--format', 'epub', '--max-input-size', '2'], dir)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const text = (await readEpub(path.join(dir, 'output/long.epub'))).documents.map((document) => document.text).join(' ')
    expect(text.match(/\bword\b/g)).toHaveLength(300_000)
  })
})

describe('memory limit', () => {
  it('stops a build that needs more heap than --max-memory: a memory-limit error at 1:1, the others build', async () => {
    // 100,000 words in one paragraph need well over 64 MB to build; the seed article needs less.
    const words = Array.from({ length: 100_000 }, (_, index) => `w${index}`).join(' ')
    const dir = project({ 'content/paragraph.md': `---\ntitle: Paragraph\n---\n\n${words}\n`, 'content/seed.md': seed })
    // One worker: the seed is built after the paragraph's worker was stopped, by the one replacing it.
    const result = await offprint(['build', '--format', 'epub', '--max-memory', '64', '--no-cache', '-j', '1'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${path.join('content', 'paragraph.md')}:1:1: error: needs more than 64 MB of memory to build, the limit of --max-memory; split the document into smaller files, or raise the limit [memory-limit]`)
    expect(files(path.join(dir, 'output'))).toEqual(['seed.epub'])
    expect(result.stdout).toContain('2 documents (1 built, 0 unchanged, 1 failed)')
  })
})

/** CPU seconds the process `pid` has used so far (Linux /proc; 0 elsewhere). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    // utime and stime, fields 14 and 15 of the line (11 and 12 after the command name), in ticks of 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}

describe('an interrupted single document', () => {
  it('stops in the middle of a long layout on SIGTERM, writing nothing', async () => {
    // Just under the input limit: built in this process its layout would run for minutes, deaf to
    // signals (JavaScript runs to completion); in its worker thread it can be stopped at once.
    const dir = project({ 'content/book.md': large(7_500_000) })
    const child = spawn(process.execPath, [BIN, 'build', '--no-cache'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    let exited = false
    const ended = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))).finally(() => (exited = true))
    const tick = () => new Promise((resolve) => setTimeout(resolve, 20))
    // Two CPU seconds in, the build is well into parsing and laying out the document.
    const fallback = Date.now() + 5000
    while (!exited && cpuSeconds(child.pid!) < 2 && (existsSync('/proc') || Date.now() < fallback)) await tick()
    const atSignal = cpuSeconds(child.pid!)
    child.kill('SIGTERM')
    // CPU time, not wall time: the build must stop, not go on to finish its layout (which took
    // 25 s more when it ran in the main thread) and only then notice the signal.
    let last = atSignal
    while (!exited) {
      last = Math.max(last, cpuSeconds(child.pid!))
      await tick()
    }
    if (atSignal > 0) expect(last).toBeLessThan(atSignal * 2)
    expect(await ended).toBe(143)
    expect(stderr).toContain('offprint: interrupted by SIGTERM')
    expect(files(path.join(dir, 'output'))).toEqual([])
  })
})
