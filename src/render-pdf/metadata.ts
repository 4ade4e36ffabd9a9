/** Document metadata: the Info dictionary and a complete, escaped XMP packet. */
import { create } from 'xmlbuilder2'
import type { Document } from '../document.js'

/** The name written as Creator/Producer. */
export const PRODUCER = 'offprint'

/** pdfkit's Info dictionary for a document; dates fixed for reproducible output. */
export function pdfInfo(document: Document): PDFKit.DocumentInfo {
  const { meta } = document
  const info: PDFKit.DocumentInfo = {
    Title: meta.title,
    Author: meta.authors.join('; ') || undefined,
    Subject: meta.description || meta.subtitle || undefined,
    Keywords: meta.keywords.join(', ') || undefined,
    Creator: PRODUCER,
    Producer: PRODUCER,
    CreationDate: document.buildDate,
    ModDate: document.buildDate,
  }
  // pdfkit hashes every Info value into the file ID and fails on undefined ones.
  for (const key of Object.keys(info) as (keyof PDFKit.DocumentInfo)[]) if (info[key] === undefined) delete info[key]
  return info
}

/** XMP rdf:Description elements for the document (Dublin Core, XMP basic, PDF), built as XML, not strings. */
export function xmpDescriptions(document: Document): string {
  const { meta } = document
  const date = document.buildDate.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const root = create().ele('root')
  const alt = (parent: ReturnType<typeof root.ele>, name: string, value: string) =>
    parent.ele(name).ele('rdf:Alt').ele('rdf:li', { 'xml:lang': 'x-default' }).txt(value)
  const bag = (parent: ReturnType<typeof root.ele>, name: string, kind: 'rdf:Seq' | 'rdf:Bag', values: string[]) => {
    const list = parent.ele(name).ele(kind)
    for (const value of values) list.ele('rdf:li').txt(value)
  }
  const dc = root.ele('rdf:Description', { 'rdf:about': '', 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' })
  dc.ele('dc:format').txt('application/pdf')
  alt(dc, 'dc:title', meta.title)
  if (meta.authors.length > 0) bag(dc, 'dc:creator', 'rdf:Seq', meta.authors)
  if (meta.description) alt(dc, 'dc:description', meta.description)
  if (meta.rights) alt(dc, 'dc:rights', meta.rights)
  if (meta.source) dc.ele('dc:source').txt(meta.source)
  if (meta.publisher) bag(dc, 'dc:publisher', 'rdf:Bag', [meta.publisher])
  if (meta.keywords.length > 0) bag(dc, 'dc:subject', 'rdf:Bag', meta.keywords)
  bag(dc, 'dc:language', 'rdf:Bag', [meta.lang])
  dc.ele('dc:identifier').txt(meta.identifier ?? document.contentId)
  const xmp = root.ele('rdf:Description', { 'rdf:about': '', 'xmlns:xmp': 'http://ns.adobe.com/xap/1.0/' })
  xmp.ele('xmp:CreateDate').txt(date)
  xmp.ele('xmp:ModifyDate').txt(date)
  xmp.ele('xmp:MetadataDate').txt(date)
  xmp.ele('xmp:CreatorTool').txt(PRODUCER)
  const pdf = root.ele('rdf:Description', { 'rdf:about': '', 'xmlns:pdf': 'http://ns.adobe.com/pdf/1.3/' })
  pdf.ele('pdf:Producer').txt(PRODUCER)
  if (meta.keywords.length > 0) pdf.ele('pdf:Keywords').txt(meta.keywords.join(', '))
  // The caller places these inside pdfkit's rdf:RDF; drop our wrapper element.
  return root.toString({ prettyPrint: true }).replace(/^<root>\n?|<\/root>$/g, '')
}

/**
 * Replace pdfkit's own XMP body, which interpolates Info values without escaping (an `&` in a title
 * breaks the packet) and knows no language, rights or source, with ours.
 */
export function installXmp(doc: PDFKit.PDFDocument, document: Document): void {
  const internals = doc as unknown as { _addInfo: () => void; appendXML: (xml: string) => void }
  internals._addInfo = () => internals.appendXML(xmpDescriptions(document))
}
