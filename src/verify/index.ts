/** `verify`: check a document's PDF and EPUB against its Markdown source; a proof to keep beside the archive. */
import { spawnSync } from 'node:child_process'
import { realpathSync } from 'node:fs'
import { attributionLines } from '../attribution.js'
import type { Document } from '../document.js'
import { checkHeadings, checkLinks, checkPhrases, checkTree, checkWords, expectedHeadings, expectedTree, sourceWords, type CheckResult } from './checks.js'
import { readEpubForVerify } from './read-epub.js'
import { readPdfForVerify } from './read-pdf.js'

export type { CheckResult } from './checks.js'

/** Run every check of a document against its two output files. */
export async function verifyOutputs(document: Document, outputs: { pdf: string; epub: string }): Promise<CheckResult[]> {
  const [pdf, epub] = await Promise.all([readPdfForVerify(outputs.pdf), readEpubForVerify(outputs.epub)])
  const { meta } = document
  const phrases = [meta.title, ...attributionLines(meta).map((line) => line.text)]
  const tree = expectedTree(document)
  const source = sourceWords(document)
  const results: CheckResult[] = []
  const titled = (name: string, stated: string | undefined): CheckResult | undefined => (stated === meta.title ? undefined : { name, status: 'fail', detail: `title is ${JSON.stringify(stated ?? '(none)')}, expected ${JSON.stringify(meta.title)}` })
  results.push(titled('PDF title and attribution', pdf.title) ?? checkPhrases('PDF title and attribution', phrases, pdf.text))
  results.push(titled('EPUB title and attribution', epub.titles[0]) ?? checkPhrases('EPUB title and attribution', phrases, epub.text))
  results.push(checkTree('PDF outline = heading tree', tree, pdf.outline))
  results.push(checkHeadings(expectedHeadings(document), pdf.headings))
  results.push(checkTree('EPUB nav = heading tree', tree, epub.nav))
  results.push(checkWords('PDF has the source’s words', source, pdf.text))
  results.push(checkWords('EPUB has the source’s words', source, epub.text))
  results.push(checkLinks('PDF internal links resolve', pdf.linkTargets, (target) => pdf.destinations.has(target)))
  results.push(
    checkLinks(
      'EPUB internal links resolve',
      epub.internalLinks.map((link) => link.target),
      (target) => {
        const [file = '', fragment] = target.split('#')
        const ids = epub.ids.get(file)
        return ids !== undefined && (fragment === undefined || fragment === '' || ids.has(fragment))
      },
    ),
  )
  results.push(runEpubcheck(outputs.epub))
  return results
}

/** epubcheck's verdict when it is installed (Debian's wrapper script is bypassed: it runs the jar). */
export function runEpubcheck(file: string): CheckResult {
  const name = 'epubcheck'
  const which = spawnSync('sh', ['-c', 'command -v epubcheck'], { encoding: 'utf8' })
  if (which.status !== 0) return { name, status: 'skip', detail: 'not installed' }
  const result = spawnSync('java', ['-jar', realpathSync(which.stdout.trim()), '--quiet', file], { encoding: 'utf8' })
  const report = `${result.stdout}\n${result.stderr}`
  const count = (kind: string) => (report.match(new RegExp(`^${kind}`, 'gm')) ?? []).length
  const errors = count('ERROR') + count('FATAL')
  const warnings = count('WARNING')
  const first = report.split('\n').find((line) => /^(ERROR|FATAL|WARNING)/.test(line))
  return { name, status: errors + warnings === 0 && result.status === 0 ? 'ok' : 'fail', detail: `${errors} errors, ${warnings} warnings${first ? `; ${first}` : ''}` }
}
