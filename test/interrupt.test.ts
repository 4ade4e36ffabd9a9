import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { tempDir } from './helpers/build.js'
import { readPdf } from './helpers/pdf.js'

const BIN = path.resolve('bin/offprint.js')
const SEED = readFileSync('test/fixtures/seed/article.txt', 'utf8')

/** A batch of documents big enough that a build takes a while and writes files all along. */
function batch(count: number): string {
  const dir = tempDir()
  mkdirSync(path.join(dir, 'content'))
  for (let index = 0; index < count; index++) {
    writeFileSync(path.join(dir, 'content', `doc-${String(index).padStart(2, '0')}.md`), `---\ntitle: Document ${index}\n---\n\n${SEED}\n\n${SEED}\n`)
  }
  return dir
}

const OUTPUT = /^doc-\d\d\.(pdf|epub)$/
const PARTIAL = /^doc-\d\d\.(pdf|epub)\.\d+$/
const EXIT_CODE = { SIGINT: 130, SIGTERM: 143 }

/**
 * Start a build, kill it with `signal` once `after` complete outputs exist (or, for `'temporary'`,
 * while a temporary file is being written), and wait for it to end.
 */
async function interrupt(dir: string, signal: NodeJS.Signals, after: number | 'temporary'): Promise<{ signal: NodeJS.Signals | null; code: number | null; seen: string[] }> {
  const child = spawn(process.execPath, [BIN, 'build'], { cwd: dir, stdio: 'ignore' })
  const ended = new Promise<{ signal: NodeJS.Signals | null; code: number | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  const outDir = path.join(dir, 'output')
  let finished = false
  void ended.then(() => (finished = true))
  while (!finished) {
    const files = existsSync(outDir) ? readdirSync(outDir) : []
    const done = after === 'temporary' ? files.some((name) => PARTIAL.test(name)) : files.filter((name) => OUTPUT.test(name)).length >= after
    if (done) {
      child.kill(signal)
      return { ...(await ended), seen: files }
    }
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  return { ...(await ended), seen: [] }
}

/** Every file in `output/` is a complete PDF or EPUB; nothing else (no temporary files) is left. */
async function expectOnlyCompleteOutputs(outDir: string): Promise<string[]> {
  // The build cache's folder (.offprint-cache) is not an output.
  const files = readdirSync(outDir).filter((name) => !name.startsWith('.'))
  for (const name of files) {
    expect(name).toMatch(OUTPUT)
    const file = path.join(outDir, name)
    if (name.endsWith('.pdf')) {
      const pdf = await readPdf(file)
      expect(pdf.text).toContain('Document')
    } else {
      const zip = await JSZip.loadAsync(readFileSync(file))
      expect(await zip.file('mimetype')!.async('string')).toBe('application/epub+zip')
    }
  }
  return files
}

describe('an interrupted batch', () => {
  for (const [signal, after] of [['SIGINT', 1], ['SIGTERM', 5]] as const) {
    it(`leaves only complete outputs when killed with ${signal} after ${after} output(s)`, async () => {
      // Forty documents: on a loaded machine the poll may see the kill threshold late; the batch must still be running.
      const dir = batch(40)
      const result = await interrupt(dir, signal, after)
      // Stopped by the signal, not finished: the batch really was cut short.
      expect(result.code).toBe(EXIT_CODE[signal])
      const files = await expectOnlyCompleteOutputs(path.join(dir, 'output'))
      expect(files.length).toBeGreaterThanOrEqual(after)
      expect(files.length).toBeLessThan(80)
    })
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`removes the temporary file of an output being written when killed with ${signal}`, async () => {
      const dir = batch(24)
      const result = await interrupt(dir, signal, 'temporary')
      expect(result.seen.some((name) => PARTIAL.test(name))).toBe(true)
      expect(result.code).toBe(EXIT_CODE[signal])
      await expectOnlyCompleteOutputs(path.join(dir, 'output'))
    })
  }
})
