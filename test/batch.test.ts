import { execFile, spawn } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { article } from '../bench/generate.js'
import { codeId, fontIdentity, referencedAssets, runKey } from '../src/batch/cache.js'
import { build, loadTheme } from '../src/index.js'
import { tempDir } from './helpers/build.js'
import { readPdf } from './helpers/pdf.js'

const BIN = path.resolve('bin/offprint.js')

/** Run the CLI without blocking the test worker (vitest's RPC needs its event loop). */
function offprint(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr })
    })
  })
}

/** A project folder with `count` generated articles in content/ (and any extra files). */
function project(count: number, files: Record<string, string> = {}): string {
  const dir = tempDir()
  mkdirSync(path.join(dir, 'content'))
  for (let i = 0; i < count; i++) writeFileSync(path.join(dir, 'content', `a${i}.md`), article(i))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), text)
  }
  return dir
}

const bytes = (dir: string) => Object.fromEntries(readdirSync(dir).filter((name) => !name.startsWith('.')).map((name) => [name, readFileSync(path.join(dir, name))]))
const mtimes = (dir: string) => Object.fromEntries(readdirSync(dir).filter((name) => !name.startsWith('.')).map((name) => [name, statSync(path.join(dir, name)).mtimeMs]))

describe('batch builds', () => {
  it('builds on worker threads exactly the bytes a serial build writes, and sums them up', async () => {
    const dir = project(4, { 'content/bad.md': '---\ntitle: [unclosed\n---\n\nText.\n' })
    const serial = await offprint(['build', '-j', '1', '-o', 'serial'], dir)
    const parallel = await offprint(['build', '-j', '2', '-o', 'parallel', '--report', 'report.json'], dir)
    expect(serial.code).toBe(1)
    expect(parallel.code).toBe(1)
    // A failed document is reported with its place, from a worker too; the others still build.
    expect(parallel.stderr).toMatch(/^content\/bad\.md:2:\d+: error: invalid YAML in frontmatter/m)
    const expected = bytes(path.join(dir, 'serial'))
    expect(Object.keys(expected)).toHaveLength(8)
    expect(bytes(path.join(dir, 'parallel'))).toEqual(expected)
    const pdf = await readPdf(path.join(dir, 'parallel', 'a3.pdf'))
    expect(pdf.text).toContain('Findings')

    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))
    expect(report.documents.map((document: { input: string }) => document.input)).toEqual(['content/a0.md', 'content/a1.md', 'content/a2.md', 'content/a3.md', 'content/bad.md'])
    const a3 = report.documents[3]
    expect(a3).toMatchObject({ ok: true, cached: false, pages: pdf.pages.length, warnings: 0, errors: 0, outputs: { pdf: 'parallel/a3.pdf', epub: 'parallel/a3.epub' } })
    expect(report.documents[4]).toMatchObject({ ok: false, errors: 1, messages: [{ line: 2, severity: 'error', ruleId: 'frontmatter-yaml' }] })
    const pages = report.documents.reduce((sum: number, document: { pages: number }) => sum + document.pages, 0)
    expect(report.summary).toMatchObject({ documents: 5, built: 4, cached: 0, failed: 1, errors: 1, pages })
    expect(parallel.stdout).toContain(`5 documents (4 built, 0 unchanged, 1 failed), ${pages} pages, 0 warnings, 1 error in`)
  })

  it('skips unchanged documents, rebuilds with --force, and rebuilds what a change of source, referenced file or theme touches', async () => {
    const dir = project(2, { 'content/pic.md': '---\ntitle: Pic\n---\n\nThe [data][chart].\n\n[chart]: chart.csv\n', 'content/chart.csv': 'v1' })
    const out = path.join(dir, 'output')
    expect((await offprint(['build', '-q'], dir)).code).toBe(0)
    const first = mtimes(out)
    const again = await offprint(['build'], dir)
    expect(again.stdout).toMatch(/3 documents \(0 built, 3 unchanged, 0 failed\)/)
    expect(mtimes(out)).toEqual(first)

    writeFileSync(path.join(dir, 'content', 'a1.md'), article(1).replace('## Findings', '## Changed findings'))
    expect((await offprint(['build'], dir)).stdout).toMatch(/^built content\/a1\.md/m)
    writeFileSync(path.join(dir, 'content', 'chart.csv'), 'v2')
    const afterAsset = (await offprint(['build'], dir)).stdout
    expect(afterAsset).toMatch(/^built content\/pic\.md/m)
    expect(afterAsset).toMatch(/3 documents \(1 built, 2 unchanged/)

    const forced = await offprint(['build', '--force'], dir)
    expect(forced.stdout).toMatch(/3 documents \(3 built, 0 unchanged/)

    // A theme with one changed key: every document depends on it.
    writeFileSync(path.join(dir, 'theme.yaml'), `extends: ${JSON.stringify(path.resolve('templates/default'))}\nbase_font_size: 11\n`)
    expect((await offprint(['build', '-t', '.'], dir)).stdout).toMatch(/3 documents \(3 built, 0 unchanged/)
    expect((await offprint(['build', '-t', '.'], dir)).stdout).toMatch(/3 documents \(0 built, 3 unchanged/)
    // An output deleted since is rebuilt even though its source is unchanged.
    writeFileSync(path.join(out, 'a0.pdf'), 'tampered')
    expect((await offprint(['build', '-t', '.'], dir)).stdout).toMatch(/^built content\/a0\.md/m)
    expect(readFileSync(path.join(out, 'a0.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('keys the cache on the files a document refers to inside its folder, and reads nothing outside it', () => {
    const markdown = [
      '---',
      'cover-image: "img/cover.jpg"',
      '---',
      '![a chart](img/chart.png "Title") and ![ref][pic] and <img alt="x" src="img/inline.png">',
      '> [pic]: <img/quoted.png>',
      '![outside](../secret.png) ![absolute](/etc/passwd) ![remote](https://example.org/x.png) [anchor](#top)',
    ].join('\n')
    const dir = path.resolve('content-folder')
    expect(referencedAssets(path.join(dir, 'doc.md'), markdown)).toEqual(['img/chart.png', 'img/cover.jpg', 'img/inline.png', 'img/quoted.png'].map((name) => path.join(dir, name)))
  })

  it('keys a run on offprint’s compiled code, on npm fonts by package version, and on local fonts by their bytes', () => {
    const theme = loadTheme()
    expect(codeId()).toBe(readFileSync('dist/build-id', 'utf8').trim())
    expect(runKey(theme, ['pdf'], false, undefined, 'code-a')).not.toBe(runKey(theme, ['pdf'], false, undefined, 'code-b'))
    // An npm package's font is named, not read: this one does not even exist.
    const dir = tempDir()
    mkdirSync(path.join(dir, 'node_modules/@fonts/serif/ttf'), { recursive: true })
    writeFileSync(path.join(dir, 'node_modules/@fonts/serif/package.json'), '{"name":"@fonts/serif","version":"1.2.3"}')
    expect(fontIdentity(path.join(dir, 'node_modules/@fonts/serif/ttf/Serif-Bold.ttf'))).toBe('npm:@fonts/serif@1.2.3/ttf/Serif-Bold.ttf')
    const serif = theme.fonts.serif_regular!
    expect(fontIdentity(serif)).toMatch(/^npm:@expo-google-fonts\/noto-serif@\d+\.\d+\.\d+\/400Regular\/NotoSerif_400Regular\.ttf$/)
    // A font next to a theme is hashed: editing it in place changes the key.
    const local = path.join(dir, 'Local.ttf')
    writeFileSync(local, readFileSync(serif))
    const withLocal = (file: string) => runKey({ ...theme, fonts: { ...theme.fonts, serif_regular: file } }, ['pdf'], false, undefined)
    const before = withLocal(local)
    expect(withLocal(local)).toBe(before)
    writeFileSync(local, Buffer.concat([readFileSync(serif), Buffer.from([0])]))
    expect(withLocal(local)).not.toBe(before)
  })

  it('takes defaults from offprint.config.yaml, and flags win over it', async () => {
    const dir = project(1, { 'offprint.config.yaml': 'out: public\nformats: [epub]\npaths: [content]\n' })
    expect((await offprint(['build', '-q'], dir)).code).toBe(0)
    expect(readdirSync(path.join(dir, 'public')).filter((name) => !name.startsWith('.'))).toEqual(['a0.epub'])
    expect((await offprint(['build', '-q', '--out', 'flagged', '--format', 'pdf'], dir)).code).toBe(0)
    expect(readdirSync(path.join(dir, 'flagged')).filter((name) => !name.startsWith('.'))).toEqual(['a0.pdf'])
    writeFileSync(path.join(dir, 'offprint.config.yaml'), 'output: public\n')
    const bad = await offprint(['build'], dir)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/offprint\.config\.yaml: unknown key `output`; did you mean `out`\?/)
  })

  it('is a typed library call too', async () => {
    const dir = project(2)
    const result = await build(path.join(dir, 'content'), { outDir: path.join(dir, 'out'), formats: ['epub'], theme: loadTheme(), jobs: 1 })
    expect(result.summary).toMatchObject({ documents: 2, built: 2, failed: 0, pages: 0 })
    expect(result.documents[1]!.outputs.epub).toBe(path.join(dir, 'out', 'a1.epub'))
    const cached = await build(path.join(dir, 'content'), { outDir: path.join(dir, 'out'), formats: ['epub'], jobs: 1 })
    expect(cached.summary.cached).toBe(2)
  })

  it('--watch rebuilds a changed document and reports errors without exiting', async () => {
    const dir = project(2)
    const child = spawn(process.execPath, [BIN, 'build', '--watch', '-j', '1'], { cwd: dir })
    let stdout = ''
    let stderr = ''
    const waiters: { pattern: RegExp; resolve: () => void }[] = []
    const check = () => {
      for (const waiter of [...waiters]) if (waiter.pattern.test(stdout + stderr)) waiters.splice(waiters.indexOf(waiter), 1) && waiter.resolve()
    }
    child.stdout.on('data', (chunk) => ((stdout += chunk), check()))
    child.stderr.on('data', (chunk) => ((stderr += chunk), check()))
    const until = (pattern: RegExp) => new Promise<void>((resolve) => (waiters.push({ pattern, resolve }), check()))
    try {
      await until(/watching for changes/)
      writeFileSync(path.join(dir, 'content', 'a1.md'), '---\ntitle: [broken\n---\n')
      await until(/content\/a1\.md:2:\d+: error: invalid YAML/)
      await until(/2 documents \(0 built, 1 unchanged, 1 failed\)/)
      writeFileSync(path.join(dir, 'content', 'a1.md'), '---\ntitle: Fixed\n---\n\nNow it builds.\n')
      await until(/built content\/a1\.md[^\n]*\n2 documents \(1 built, 1 unchanged, 0 failed\)/)
      expect(child.exitCode).toBe(null)
      const pdf = await readPdf(path.join(dir, 'output', 'a1.pdf'))
      expect(pdf.text).toContain('Now it builds.')
    } finally {
      child.kill()
    }
  })
})
