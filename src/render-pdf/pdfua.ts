/**
 * PDF/UA details pdfkit leaves out, added as the document is drawn: link annotations reached from
 * the structure tree with a description, and an ID on every Note element.
 */

type Annotate = (x: number, y: number, w: number, h: number, options: Record<string, unknown>) => PDFKit.PDFDocument
type Internals = { annotate: Annotate; _currentStructureElement?: PDFKit.PDFStructureElement }
type ActionRef = { data?: { S?: string; URI?: unknown; D?: unknown } }

/** What a screen reader announces for a link annotation: where it goes. */
function describe(action: ActionRef | undefined): string {
  const data = action?.data
  if (data?.S === 'URI') return `Link to ${String(data.URI)}`
  if (data?.S === 'GoTo' && (typeof data.D === 'string' || data.D instanceof String)) return `Go to ${String(data.D).replace(/^fn-/, 'note ')}`
  return 'Link within this document'
}

/**
 * Tag every link annotation added from now on, with a `Contents` text: an object reference to it in
 * the `Link` element being drawn (the link's words, see layout/link-tags.ts), else in a new `Link`
 * element of its own in the element being drawn (else under `fallback()`). pdfkit does this only for
 * URI links drawn inside a `Link` element, without `Contents`; goTo links it leaves untagged.
 */
export function tagLinkAnnotations(doc: PDFKit.PDFDocument, fallback: () => PDFKit.PDFStructureElement): void {
  const internals = doc as unknown as Internals
  const annotate = internals.annotate
  internals.annotate = function (this: Internals, x: number, y: number, w: number, h: number, options: Record<string, unknown>) {
    if (options.Subtype !== 'Link') return annotate.call(this, x, y, w, h, options)
    // pdfkit gives a link drawn inside a Link element an empty `Contents`: describe it all the same
    // (every external link of the body was announced as nothing).
    const given = options.Contents === undefined || options.Contents === null ? '' : String(options.Contents)
    const contents = given !== '' ? options.Contents : new String(describe(options.A as ActionRef | undefined))
    const current = internals._currentStructureElement
    if (current && isLink(current)) return annotate.call(this, x, y, w, h, { ...options, Contents: contents, structParent: current })
    const link = doc.struct('Link')
    ;(current ?? fallback()).add(link)
    const result = annotate.call(this, x, y, w, h, { ...options, Contents: contents, structParent: link })
    link.end()
    return result
  }
}

function isLink(element: PDFKit.PDFStructureElement): boolean {
  return (element as unknown as { dictionary: { data: { S?: string } } }).dictionary.data.S === 'Link'
}

/** PDF/UA-1 7.9 asks for an `ID` on every `Note` element: number them in the order they are made. */
export function identifyNotes(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as { struct: (type: string, ...rest: unknown[]) => PDFKit.PDFStructureElement }
  const struct = internals.struct
  let notes = 0
  internals.struct = function (this: unknown, type: string, ...rest: unknown[]) {
    const element = struct.call(this, type, ...rest)
    if (type === 'Note') (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.ID = new String(`note-${++notes}`)
    return element
  }
}
