import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildFile, loadTheme } from '../src/index.js'
import { tempDir } from './helpers/build.js'
import { offprint, project } from './helpers/cli.js'

const good = '---\ntitle: Good\n---\n\nThe good text.\n'
const warned = '---\ntitle: Warned\nauthr: Someone\n---\n\nThe warned text.\n'

describe('--strict', () => {
  it('builds a document with warnings without --strict (exit 0), and fails it with --strict (exit 1)', async () => {
    const dir = project({ 'content/warned.md': warned, 'content/good.md': good })
    const lenient = await offprint(['build'], dir)
    expect(lenient.code).toBe(0)
    expect(lenient.stderr).toBe('content/warned.md:3:1: warning: unknown frontmatter key `authr` is ignored; did you mean `author`? [frontmatter-unknown-key]\n')
    const before = readFileSync(path.join(dir, 'output', 'warned.pdf'))

    const strict = await offprint(['build', '--strict'], dir)
    expect(strict.code).toBe(1)
    expect(strict.stderr.split('\n')).toEqual([
      'content/warned.md:3:1: warning: unknown frontmatter key `authr` is ignored; did you mean `author`? [frontmatter-unknown-key]',
      'content/warned.md:1:1: error: --strict: 1 warning(s) make this a failed build; fix them, or build without --strict to accept the degraded output [strict]',
      '',
    ])
    expect(strict.stdout).toMatch(/^failed content\/warned\.md$/m)
    expect(strict.stdout).toMatch(/^built content\/good\.md/m)
    // The output of the earlier, lenient build is still there, unchanged.
    expect(readFileSync(path.join(dir, 'output', 'warned.pdf')).equals(before)).toBe(true)
  })

  it('builds a document without warnings under --strict (exit 0)', async () => {
    const dir = project({ 'content/good.md': good })
    const result = await offprint(['build', '--strict'], dir)
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(readdirSync(path.join(dir, 'output')).filter((name) => !name.startsWith('.')).sort()).toEqual(['good.epub', 'good.pdf'])
  })
})

describe('a failed build', () => {
  it('never replaces a good output of an earlier build', async () => {
    const dir = project({ 'content/doc.md': good })
    expect((await offprint(['build'], dir)).code).toBe(0)
    const pdf = readFileSync(path.join(dir, 'output', 'doc.pdf'))
    const epub = readFileSync(path.join(dir, 'output', 'doc.epub'))
    writeFileSync(path.join(dir, 'content', 'doc.md'), '---\ntitle: "unclosed\n---\n\nNew text.\n')
    const result = await offprint(['build'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^content\/doc\.md:2:\d+: error: invalid YAML in frontmatter/m)
    expect(readFileSync(path.join(dir, 'output', 'doc.pdf')).equals(pdf)).toBe(true)
    expect(readFileSync(path.join(dir, 'output', 'doc.epub')).equals(epub)).toBe(true)
    expect(readdirSync(path.join(dir, 'output')).filter((name) => !name.startsWith('.')).sort()).toEqual(['doc.epub', 'doc.pdf'])
  })

  it('says what would fix an output folder that cannot be written', async () => {
    const dir = project({ 'content/doc.md': good, 'blocked': 'a file, not a folder' })
    const result = await offprint(['build', '--out', 'blocked'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^content\/doc\.md:1:1: error: could not build: .*(EEXIST|ENOTDIR).*: a file stands where a folder is expected; rename or remove it \[build-failed\]$/m)
  })

  it('reports an input that vanished with a hint, through the library too', async () => {
    const dir = tempDir()
    const result = await buildFile(path.join(dir, 'gone.md'), { outDir: path.join(dir, 'output'), formats: ['pdf'], theme: loadTheme() })
    expect(result.ok).toBe(false)
    expect(result.messages.map((message) => [message.fatal, message.ruleId, message.reason])).toEqual([[true, 'build-failed', expect.stringMatching(/^could not build: ENOENT.*: check that the file or folder exists$/)]])
    expect(existsSync(path.join(dir, 'output'))).toBe(false)
  })
})
