import { readFileSync } from 'node:fs'
import path from 'node:path'
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
