/**
 * Memory of buffered pages. The page furniture (`{pages}`) and the contents' page numbers are drawn
 * once the whole document is laid out, so pdfkit holds every page until the end (`bufferPages`).
 * pdfkit keeps a page's content stream as one small buffer per drawing operator, each with its own
 * ArrayBuffer (about half a megabyte of heap per page of text); joining them when the page is left
 * makes a buffered page cost about the size of its content.
 */

type PageInternals = PDFKit.PDFPage & { content: { buffer: Uint8Array[] } }

/** Join each page's content stream into one buffer when the next page begins. */
export function compactPages(doc: PDFKit.PDFDocument): void {
  let previous: PageInternals | undefined
  doc.on('pageAdded', () => {
    const chunks = previous?.content.buffer
    if (previous && chunks && chunks.length > 1) previous.content.buffer = [Buffer.concat(chunks)]
    previous = doc.page as PageInternals
  })
}
