/** What `verify` reads back from a PDF with pdf.js: text, outline, tagged headings, links. */
import { openPdf } from '../pdf-reader.js'

/** A heading or outline entry with the entries nested under it. */
export interface TreeEntry {
  text: string
  children: TreeEntry[]
}

/** A PDF as `verify` sees it. */
export interface PdfReading {
  title: string | undefined
  /** Text a reader sees (artifacts such as page numbers left out), page after page. */
  text: string
  outline: TreeEntry[]
  /** H1–H6 structure elements in reading order, with their text. */
  headings: { depth: number; text: string }[]
  /** Named destinations used by link annotations, and those the file defines. */
  linkTargets: string[]
  destinations: Set<string>
}

type StructNode = { role?: string; type?: string; id?: string; children?: StructNode[] }
type ContentItem = { str?: string; type?: string; id?: string | null; tag?: string }

/** Read the parts of a PDF that `verify` compares with the source. */
export async function readPdfForVerify(file: string): Promise<PdfReading> {
  const doc = await openPdf(file)
  try {
    const texts: string[] = []
    const headings: PdfReading['headings'] = []
    const linkTargets: string[] = []
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number)
      const content = await page.getTextContent({ includeMarkedContent: true })
      const byId = new Map<string, string>()
      const open: { id: string | null; artifact: boolean }[] = []
      const pageText: string[] = []
      for (const item of content.items as ContentItem[]) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push({ id: item.id ?? null, artifact: item.tag === 'Artifact' })
        else if (item.type === 'endMarkedContent') open.pop()
        else if (typeof item.str === 'string') {
          if (open.some((mark) => mark.artifact)) continue
          pageText.push(item.str)
          const id = [...open].reverse().find((mark) => mark.id)?.id
          if (id) byId.set(id, (byId.get(id) ?? '') + item.str)
        }
      }
      texts.push(pageText.join(' '))
      const visit = (node: StructNode | null) => {
        if (!node) return
        const level = /^H([1-6])$/.exec(node.role ?? '')
        if (level) headings.push({ depth: Number(level[1]), text: collectText(node, byId) })
        else for (const child of node.children ?? []) visit(child)
      }
      visit((await page.getStructTree()) as StructNode | null)
      for (const annotation of await page.getAnnotations()) {
        if (annotation.subtype === 'Link' && typeof annotation.dest === 'string') linkTargets.push(annotation.dest)
      }
    }
    const outline = (((await doc.getOutline()) ?? []) as { title: string; items?: unknown[] }[]).map(function entry(item: { title: string; items?: unknown[] }): TreeEntry {
      return { text: item.title, children: ((item.items ?? []) as { title: string }[]).map(entry) }
    })
    const destinations = new Set(Object.keys((await doc.getDestinations()) as Record<string, unknown>))
    const info = (await doc.getMetadata()).info as { Title?: string }
    return { title: info.Title, text: texts.join('\n'), outline, headings, linkTargets, destinations }
  } finally {
    await doc.destroy()
  }
}

function collectText(node: StructNode, byId: Map<string, string>): string {
  if (node.type === 'content' && node.id) return byId.get(node.id) ?? ''
  return (node.children ?? []).map((child) => collectText(child, byId)).join('')
}
