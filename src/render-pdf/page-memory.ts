/**
 * Memory and time of buffered pages. The page furniture (`{pages}`) and the contents' page numbers
 * are drawn once the whole document is laid out, so pdfkit holds every page until the end
 * (`bufferPages`). pdfkit turns each drawing operator into bytes as it is added, a small
 * Uint8Array filled character by character, each with its own ArrayBuffer (about half a megabyte of
 * heap per page of text, and a tenth of the drawing time of a long document). Here a page's
 * operators are kept as text and turned into bytes in one go when the page is left and before it
 * is written: the same bytes (pdfkit keeps the low byte of each character, as `latin1` does).
 */

type ContentStream = { write(chunk: unknown): void; end(chunk?: unknown): void; finalize(): void }
type PageInternals = PDFKit.PDFPage & { content: ContentStream }

/** Batch each page's content operators into one buffer per visit to the page. */
export function compactPages(doc: PDFKit.PDFDocument): void {
  let previous: { flush(): void } | undefined
  doc.on('pageAdded', () => {
    previous?.flush()
    previous = batchOperators((doc.page as PageInternals).content)
  })
}

function batchOperators(stream: ContentStream): { flush(): void } {
  const write = stream.write.bind(stream)
  const finalize = stream.finalize.bind(stream)
  let pending: string[] = []
  const flush = () => {
    if (pending.length === 0) return
    const text = pending.join('')
    pending = []
    write(Buffer.from(text, 'latin1'))
  }
  stream.write = (chunk: unknown) => {
    if (chunk instanceof Uint8Array) {
      flush()
      write(chunk)
    } else pending.push(`${chunk}\n`)
  }
  stream.finalize = () => {
    flush()
    finalize()
  }
  return { flush }
}
