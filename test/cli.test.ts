import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { offprint, project } from './helpers/cli.js'

describe('offprint build', () => {
  it('builds every content/*.md into output/<stem>.pdf and .epub by default', async () => {
    const dir = project({ 'content/one.md': '---\ntitle: One\n---\n\nFirst.\n', 'content/two.md': '---\ntitle: Two\n---\n\nSecond.\n' })
    const result = await offprint(['build'], dir)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    for (const name of ['one.pdf', 'one.epub', 'two.pdf', 'two.epub']) expect(existsSync(path.join(dir, 'output', name))).toBe(true)
    expect(readFileSync(path.join(dir, 'output', 'one.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('takes files, --out and --format', async () => {
    const dir = project({ 'notes/a.md': '# A\n\nText.\n' })
    const result = await offprint(['build', 'notes/a.md', '--out', 'dist-docs', '--format', 'epub'], dir)
    expect(result.code).toBe(0)
    expect(existsSync(path.join(dir, 'dist-docs', 'a.epub'))).toBe(true)
    expect(existsSync(path.join(dir, 'dist-docs', 'a.pdf'))).toBe(false)
    // The missing title is a warning with the place of the heading used instead.
    expect(result.stderr).toMatch(/^notes\/a\.md:1:1: warning: no `title` in frontmatter: using the first heading/m)
  })

  it('exits 1 when a document fails, still building the others, and prints file:line:col', async () => {
    const dir = project({ 'content/bad.md': '---\ntitle: [unclosed\n---\n\nText.\n', 'content/good.md': '---\ntitle: Good\n---\n\nText.\n' })
    const result = await offprint(['build'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^content\/bad\.md:2:\d+: error: invalid YAML in frontmatter/m)
    expect(existsSync(path.join(dir, 'output', 'good.pdf'))).toBe(true)
    expect(existsSync(path.join(dir, 'output', 'bad.pdf'))).toBe(false)
  })

  it('exits 2 on a usage error, and answers --help and --version', async () => {
    const dir = project({})
    expect((await offprint(['build', '--format', 'docx'], dir)).code).toBe(2)
    expect((await offprint(['frobnicate'], dir)).code).toBe(2)
    expect((await offprint(['build', 'missing-folder'], dir)).code).toBe(2)
    const help = await offprint(['build', '--help'], dir)
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--template <dir>')
    const version = await offprint(['--version'], dir)
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version)
  })

  it('uses another theme with --template and reports a bad theme key by name', async () => {
    const dir = project({
      'content/x.md': '---\ntitle: X\n---\n\nText.\n',
      'theme/theme.yaml': `extends: ${JSON.stringify(path.resolve('templates/default'))}\nheading_h1_font_sise: 30\n`,
    })
    const result = await offprint(['build', '--template', 'theme'], dir)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/unknown theme key `heading_h1_font_sise`; did you mean `heading_h1_font_size`\?/)
  })
})
