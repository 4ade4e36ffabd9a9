/** Document metadata: the Info dictionary and a complete, escaped XMP packet. */
import { create } from 'xmlbuilder2'
import type { Document } from '../document.js'
import { isPdfA, type PdfStandard } from './standard.js'

/** The name written as Creator/Producer. */
export const PRODUCER = 'offprint'

/** pdfkit's Info dictionary for a document; dates fixed for reproducible output. */
export function pdfInfo(document: Document): PDFKit.DocumentInfo {
  const { meta } = document
  const info: PDFKit.DocumentInfo = {
    Title: meta.title,
    Author: meta.authors.join('; ') || undefined,
    Subject: subjectOf(document),
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

/** The one-line summary written as Info `Subject` and XMP `dc:description` (PDF/A wants them equal). */
function subjectOf(document: Document): string | undefined {
  return document.meta.description || document.meta.subtitle || undefined
}

/**
 * XMP rdf:Description elements for the document (Dublin Core, XMP basic, PDF, PDF/UA id), built as
 * XML, not strings. Every value equals its Info counterpart, as PDF/A requires.
 */
export function xmpDescriptions(document: Document, standard: PdfStandard): string {
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
  // PDF/A: with an Info Author, dc:creator must hold exactly one entry equal to it.
  if (meta.authors.length > 0) bag(dc, 'dc:creator', 'rdf:Seq', [meta.authors.join('; ')])
  const subject = subjectOf(document)
  if (subject) alt(dc, 'dc:description', subject)
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
  // Every page is tagged and every piece of furniture is an artifact: identify as PDF/UA-1.
  root.ele('rdf:Description', { 'rdf:about': '', 'xmlns:pdfuaid': PDFUA_NS }).ele('pdfuaid:part').txt('1')
  if (isPdfA(standard)) pdfuaExtensionSchema(root)
  // The caller places these inside pdfkit's rdf:RDF; drop our wrapper element.
  return root.toString({ prettyPrint: true }).replace(/^<root>\n?|<\/root>$/g, '')
}

const PDFUA_NS = 'http://www.aiim.org/pdfua/ns/id/'

/**
 * PDF/A allows only the XMP schemas of its own time unless others are described in the file:
 * pdfuaid (PDF/UA, 2012) is declared through a pdfaExtension schema, as ISO 19005-3 6.6.2.3 asks.
 */
function pdfuaExtensionSchema(root: ReturnType<ReturnType<typeof create>['ele']>): void {
  const schemas = root
    .ele('rdf:Description', {
      'rdf:about': '',
      'xmlns:pdfaExtension': 'http://www.aiim.org/pdfa/ns/extension/',
      'xmlns:pdfaSchema': 'http://www.aiim.org/pdfa/ns/schema#',
      'xmlns:pdfaProperty': 'http://www.aiim.org/pdfa/ns/property#',
    })
    .ele('pdfaExtension:schemas')
    .ele('rdf:Bag')
  const schema = schemas.ele('rdf:li', { 'rdf:parseType': 'Resource' })
  schema.ele('pdfaSchema:schema').txt('PDF/UA Universal Accessibility Schema')
  schema.ele('pdfaSchema:namespaceURI').txt(PDFUA_NS)
  schema.ele('pdfaSchema:prefix').txt('pdfuaid')
  const property = schema.ele('pdfaSchema:property').ele('rdf:Seq').ele('rdf:li', { 'rdf:parseType': 'Resource' })
  property.ele('pdfaProperty:name').txt('part')
  property.ele('pdfaProperty:valueType').txt('Integer')
  property.ele('pdfaProperty:category').txt('internal')
  property.ele('pdfaProperty:description').txt('Indicates which part of ISO 14289 the file conforms to')
}

/**
 * Replace pdfkit's own XMP body, which interpolates Info values without escaping (an `&` in a title
 * breaks the packet) and knows no language, rights or source, with ours.
 */
export function installXmp(doc: PDFKit.PDFDocument, document: Document, standard: PdfStandard): void {
  const internals = doc as unknown as { _addInfo: () => void; appendXML: (xml: string) => void }
  internals._addInfo = () => internals.appendXML(xmpDescriptions(document, standard))
}
