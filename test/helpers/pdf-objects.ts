/**
 * A PDF's object graph read with qpdf's JSON (version 2), and a walk of its page content streams:
 * what a PDF/A or PDF/UA validator looks at (catalog, trailer, structure tree, marked content).
 */
import { execFileSync } from 'node:child_process'

/** A qpdf JSON value: names `/X`, strings `u:…`, references `N 0 R`, numbers, arrays, dictionaries. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }
type Dict = Record<string, JsonValue>

/** The objects of a PDF with stream data decoded. */
export interface PdfObjects {
  trailer: Dict
  /** The value (or stream dictionary) of an object, following references. */
  get(value: JsonValue | undefined): JsonValue | undefined
  dict(value: JsonValue | undefined): Dict
  /** Decoded bytes of a stream object. */
  streamData(ref: string): Buffer
  catalog: Dict
  /** Page dictionaries' references, in order. */
  pages: string[]
  /** Every object: reference → value or stream dictionary. */
  all: Map<string, JsonValue>
}

const isRef = (value: unknown): value is string => typeof value === 'string' && /^\d+ \d+ R$/.test(value)

/** Read every object of `file` with `qpdf --json` (streams decoded). */
export function readPdfObjects(file: string): PdfObjects {
  const json = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-stream-data=inline', '--decode-level=generalized', file], { encoding: 'utf8', maxBuffer: 1 << 28 })) as { qpdf: [unknown, Record<string, { value?: JsonValue; stream?: { dict: Dict; data?: string } }>] }
  const raw = json.qpdf[1]
  const all = new Map<string, JsonValue>()
  const data = new Map<string, string>()
  for (const [key, object] of Object.entries(raw)) {
    if (!key.startsWith('obj:')) continue
    const ref = key.slice(4)
    all.set(ref, object.stream ? object.stream.dict : (object.value ?? null))
    if (object.stream?.data !== undefined) data.set(ref, object.stream.data)
  }
  const get = (value: JsonValue | undefined): JsonValue | undefined => (isRef(value) ? all.get(value) : value)
  const dict = (value: JsonValue | undefined): Dict => (get(value) ?? {}) as Dict
  const trailer = (raw.trailer as { value: Dict }).value
  const catalog = dict(trailer['/Root'])
  const pages: string[] = []
  const collect = (node: JsonValue) => {
    const kids = dict(node)['/Kids'] as string[] | undefined
    if (!kids) pages.push(node as string)
    else for (const kid of kids) collect(kid)
  }
  collect(catalog['/Pages']!)
  return { trailer, get, dict, streamData: (ref) => Buffer.from(data.get(ref) ?? '', 'base64'), catalog, pages, all }
}

/** A string value from qpdf JSON, decoded (`u:` is UTF-8 text, `b:` hex bytes). */
export function pdfString(value: JsonValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined
  if (value.startsWith('u:')) return value.slice(2)
  if (value.startsWith('b:')) return Buffer.from(value.slice(2), 'hex').toString('latin1')
  return undefined
}

/** One painting operation in a content stream and the marked-content sequences around it. */
export interface PaintedItem {
  operator: string
  /** Enclosing marked-content tags, outermost first, with their MCID when they have one. */
  marks: { tag: string; mcid?: number }[]
}

const PAINTING = new Set(['Tj', 'TJ', "'", '"', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'S', 's', 'Do', 'sh'])

/** Tokens of a content stream: operands are skipped except names, numbers and `<<…>>` dictionaries' MCID. */
function* operations(content: string): Generator<{ operator: string; operands: string[] }> {
  let operands: string[] = []
  let index = 0
  const length = content.length
  while (index < length) {
    const char = content[index]!
    if (/\s/.test(char)) {
      index++
    } else if (char === '%') {
      while (index < length && content[index] !== '\n' && content[index] !== '\r') index++
    } else if (char === '(') {
      let depth = 0
      do {
        if (content[index] === '\\') index++
        else if (content[index] === '(') depth++
        else if (content[index] === ')') depth--
        index++
      } while (depth > 0 && index < length)
      operands.push('(string)')
    } else if (content.startsWith('<<', index)) {
      const end = content.indexOf('>>', index)
      operands.push(content.slice(index, end + 2))
      index = end + 2
    } else if (char === '<') {
      index = content.indexOf('>', index) + 1
      operands.push('<hex>')
    } else if (char === '[' || char === ']') {
      index++
    } else {
      const match = /^[^\s()<>[\]{}/%]+|^\/[^\s()<>[\]{}/%]*/.exec(content.slice(index, index + 200))!
      const token = match[0]
      index += token.length
      if (token.startsWith('/') || /^[-+.\d]/.test(token)) operands.push(token)
      else {
        yield { operator: token, operands }
        operands = []
      }
    }
  }
}

/** Every painting operation of a content stream with its marked-content context. */
export function paintedItems(content: string): PaintedItem[] {
  const stack: { tag: string; mcid?: number }[] = []
  const items: PaintedItem[] = []
  for (const { operator, operands } of operations(content)) {
    if (operator === 'BMC') stack.push({ tag: operands[0]!.slice(1) })
    else if (operator === 'BDC') {
      const mcid = /\/MCID\s+(\d+)/.exec(operands[1] ?? '')
      stack.push({ tag: operands[0]!.slice(1), mcid: mcid ? Number(mcid[1]) : undefined })
    } else if (operator === 'EMC') stack.pop()
    else if (PAINTING.has(operator)) items.push({ operator, marks: [...stack] })
  }
  return items
}
