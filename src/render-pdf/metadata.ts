/** Document metadata: the Info dictionary and a complete, escaped XMP packet. */
import type { Document } from '../document.js'
import { addElement, serializeChildren, xmlElement, type XmlElement } from '../xml.js'
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
  const root = xmlElement('root')
  const alt = (parent: XmlElement, name: string, value: string) => addElement(addElement(addElement(parent, name), 'rdf:Alt'), 'rdf:li', { 'xml:lang': 'x-default' }, value)
  const bag = (parent: XmlElement, name: string, kind: 'rdf:Seq' | 'rdf:Bag', values: string[]) => {
    const list = addElement(addElement(parent, name), kind)
    for (const value of values) addElement(list, 'rdf:li', {}, value)
  }
  const dc = addElement(root, 'rdf:Description', { 'rdf:about': '', 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' })
  addElement(dc, 'dc:format', {}, 'application/pdf')
  alt(dc, 'dc:title', meta.title)
  // PDF/A: with an Info Author, dc:creator must hold exactly one entry equal to it.
  if (meta.authors.length > 0) bag(dc, 'dc:creator', 'rdf:Seq', [meta.authors.join('; ')])
  const subject = subjectOf(document)
  if (subject) alt(dc, 'dc:description', subject)
  if (meta.rights) alt(dc, 'dc:rights', meta.rights)
  if (meta.source) addElement(dc, 'dc:source', {}, meta.source)
  if (meta.publisher) bag(dc, 'dc:publisher', 'rdf:Bag', [meta.publisher])
  if (meta.keywords.length > 0) bag(dc, 'dc:subject', 'rdf:Bag', meta.keywords)
  bag(dc, 'dc:language', 'rdf:Bag', [meta.lang])
  addElement(dc, 'dc:identifier', {}, meta.identifier ?? document.contentId)
  const xmp = addElement(root, 'rdf:Description', { 'rdf:about': '', 'xmlns:xmp': 'http://ns.adobe.com/xap/1.0/' })
  addElement(xmp, 'xmp:CreateDate', {}, date)
  addElement(xmp, 'xmp:ModifyDate', {}, date)
  addElement(xmp, 'xmp:MetadataDate', {}, date)
  addElement(xmp, 'xmp:CreatorTool', {}, PRODUCER)
  const pdf = addElement(root, 'rdf:Description', { 'rdf:about': '', 'xmlns:pdf': 'http://ns.adobe.com/pdf/1.3/' })
  addElement(pdf, 'pdf:Producer', {}, PRODUCER)
  if (meta.keywords.length > 0) addElement(pdf, 'pdf:Keywords', {}, meta.keywords.join(', '))
  // Every page is tagged and every piece of furniture is an artifact: identify as PDF/UA-1.
  addElement(addElement(root, 'rdf:Description', { 'rdf:about': '', 'xmlns:pdfuaid': PDFUA_NS }), 'pdfuaid:part', {}, '1')
  if (isPdfA(standard)) pdfuaExtensionSchema(root)
  // The caller places these inside pdfkit's rdf:RDF.
  return serializeChildren(root)
}

const PDFUA_NS = 'http://www.aiim.org/pdfua/ns/id/'

/**
 * PDF/A allows only the XMP schemas of its own time unless others are described in the file:
 * pdfuaid (PDF/UA, 2012) is declared through a pdfaExtension schema, as ISO 19005-3 6.6.2.3 asks.
 */
function pdfuaExtensionSchema(root: XmlElement): void {
  const description = addElement(root, 'rdf:Description', {
    'rdf:about': '',
    'xmlns:pdfaExtension': 'http://www.aiim.org/pdfa/ns/extension/',
    'xmlns:pdfaSchema': 'http://www.aiim.org/pdfa/ns/schema#',
    'xmlns:pdfaProperty': 'http://www.aiim.org/pdfa/ns/property#',
  })
  const schemas = addElement(addElement(description, 'pdfaExtension:schemas'), 'rdf:Bag')
  const schema = addElement(schemas, 'rdf:li', { 'rdf:parseType': 'Resource' })
  addElement(schema, 'pdfaSchema:schema', {}, 'PDF/UA Universal Accessibility Schema')
  addElement(schema, 'pdfaSchema:namespaceURI', {}, PDFUA_NS)
  addElement(schema, 'pdfaSchema:prefix', {}, 'pdfuaid')
  const property = addElement(addElement(addElement(schema, 'pdfaSchema:property'), 'rdf:Seq'), 'rdf:li', { 'rdf:parseType': 'Resource' })
  addElement(property, 'pdfaProperty:name', {}, 'part')
  addElement(property, 'pdfaProperty:valueType', {}, 'Integer')
  addElement(property, 'pdfaProperty:category', {}, 'internal')
  addElement(property, 'pdfaProperty:description', {}, 'Indicates which part of ISO 14289 the file conforms to')
}

/**
 * Replace pdfkit's own XMP body, which interpolates Info values without escaping (an `&` in a title
 * breaks the packet) and knows no language, rights or source, with ours.
 */
export function installXmp(doc: PDFKit.PDFDocument, document: Document, standard: PdfStandard): void {
  const internals = doc as unknown as { _addInfo: () => void; appendXML: (xml: string) => void }
  internals._addInfo = () => internals.appendXML(xmpDescriptions(document, standard))
}
