import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { offprint } from './helpers/cli.js'
import { describe, expect, it } from 'vitest'
import { buildFile, loadTheme } from '../src/index.js'
import { tempDir } from './helpers/build.js'
import { readEpub } from './helpers/epub.js'

describe('reproducible outputs', () => {
  it('builds byte-identical PDF and EPUB files twice in a row', async () => {
    const input = path.resolve('content/amnesty-syria-report.md')
    const builds = []
    for (let run = 0; run < 2; run++) {
      const result = await buildFile(input, { outDir: tempDir(), formats: ['pdf', 'epub'], theme: loadTheme() })
      builds.push({ pdf: readFileSync(result.outputs.pdf!), epub: readFileSync(result.outputs.epub!) })
      // Let the clock move so that a time-stamped output would differ.
      await new Promise((resolve) => setTimeout(resolve, 1100))
    }
    expect(builds[0]!.pdf.equals(builds[1]!.pdf)).toBe(true)
    expect(builds[0]!.epub.equals(builds[1]!.epub)).toBe(true)
  })

  it('writes mimetype first and every zip entry with the document’s date', async () => {
    const result = await buildFile(path.resolve('test/fixtures/sections/input.md'), { outDir: tempDir(), formats: ['epub'], theme: loadTheme() })
    const epub = await readEpub(result.outputs.epub!)
    expect(epub.entries[0]!.name).toBe('mimetype')
    const dates = new Set(epub.entries.map((entry) => entry.date.toISOString().slice(0, 10)))
    expect(dates).toEqual(new Set(['2021-03-04']))
  })
})

describe('reproducible whatever was built before', () => {
  it('builds a document to the same bytes alone and late in a batch (the caches documents share change nothing)', async () => {
    const dir = tempDir()
    mkdirSync(path.join(dir, 'content'))
    writeFileSync(path.join(dir, 'content/a-seed.md'), readFileSync(path.resolve('content/amnesty-syria-report.md')))
    writeFileSync(path.join(dir, 'content/b-scripts.md'), readFileSync(path.resolve('test/fixtures/scripts/input.md')))
    writeFileSync(path.join(dir, 'content/c-rtl.md'), readFileSync(path.resolve('test/fixtures/rtl/input.md')))
    expect((await offprint(['build', 'content', '--out', 'batch', '-j', '1', '-q'], dir)).code).toBe(0)
    for (const name of ['b-scripts', 'c-rtl']) {
      expect((await offprint(['build', `content/${name}.md`, '--out', 'alone', '-q'], dir)).code).toBe(0)
      for (const format of ['pdf', 'epub']) {
        const alone = readFileSync(path.join(dir, 'alone', `${name}.${format}`))
        expect(alone.equals(readFileSync(path.join(dir, 'batch', `${name}.${format}`))), `${name}.${format}`).toBe(true)
      }
    }
  })
})

describe('reproducible across machines', () => {
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

  /** Build the fixtures in a fresh folder (a different absolute path each time) under the given environment. */
  async function buildIn(env: NodeJS.ProcessEnv) {
    const dir = tempDir()
    mkdirSync(path.join(dir, 'content/images'), { recursive: true })
    writeFileSync(path.join(dir, 'content/images/red.png'), PNG)
    writeFileSync(path.join(dir, 'content/sources.md'), '---\ntitle: Sources\ndate: 2023-01-15T23:30:00+13:00\n---\n\n# Sources\n\nText with an image.\n\n![A red square](images/red.png)\n')
    writeFileSync(path.join(dir, 'content/sections.md'), readFileSync(path.resolve('test/fixtures/sections/input.md')))
    expect((await offprint(['build', 'content/sources.md', '--format', 'pdf'], dir, env)).code).toBe(0)
    expect((await offprint(['build', 'content/sections.md'], dir, env)).code).toBe(0)
    return ['sources.pdf', 'sections.pdf', 'sections.epub'].map((name) => readFileSync(path.join(dir, 'output', name)))
  }

  it('builds byte-identical files in another folder, time zone and locale', async () => {
    const here = await buildIn({ TZ: 'Pacific/Auckland', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' })
    const there = await buildIn({ TZ: 'UTC', LANG: 'C', LC_ALL: 'C' })
    expect(here.map((bytes, index) => bytes.equals(there[index]!))).toEqual([true, true, true])
  })
})
