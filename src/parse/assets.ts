/**
 * Assets: every image the document references (Markdown images, image references, `<img>` in raw
 * HTML) resolved against the content root and vetted before any renderer sees it. Only files
 * inside the root are read: `../`, absolute paths, `file:` URLs and symlinks leading outside are
 * refused; remote images are not fetched; missing, corrupt or unsupported files are refused. Each
 * refusal is a warning at the image's line, and the alt text stands in for the image in both outputs.
 * GIF images are converted to PNG (their first frame) here, so both outputs embed the same picture.
 */
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { imageSize } from 'image-size'
import type { Definition, Image, ImageReference, Root } from 'mdast'
import { PNG } from 'pngjs'
import type { Node, Position } from 'unist'
import type { VFile } from 'vfile'
import { warn } from '../messages.js'
import { walkBlocks, walkTree } from '../walk-tree.js'
import { gifToPng } from './convert-image.js'
import { parseHtml } from './raw-html.js'

/** A vetted image: bytes read from inside the content root, of a type both outputs embed. */
export interface Asset {
  /** Absolute path of the file that was read, or the URL a remote image was fetched from. */
  path: string
  data: Buffer
  type: 'png' | 'jpg'
  /** Pixel size. */
  width: number
  height: number
  /** The file as written, when `data` is a conversion of it (a GIF's first frame as PNG): attached to the PDF as the source. */
  original?: { data: Buffer; type: 'gif' }
}

/** Largest image file read (bytes) and largest pixel count accepted: beyond, decoding would exhaust memory. */
const MAX_BYTES = 50 * 1024 * 1024
const MAX_PIXELS = 100_000_000

/**
 * Remote images fetched before parsing (only with `--allow-remote`), keyed by URL as written: the
 * bytes, or the reason the fetch failed.
 */
export type RemoteImages = ReadonlyMap<string, Buffer | Error>

/** Every image address of the tree with the node that references it, in document order, once each. */
export function imageReferences(tree: Root): { url: string; place: Node }[] {
  const definitions = new Map<string, Definition>()
  walkBlocks(tree, (node) => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node)
  })
  const found = new Map<string, Node>()
  const consider = (url: string, place: Node) => {
    if (!found.has(url)) found.set(url, place)
  }
  walkTree(tree, (node) => {
    if (node.type === 'image') consider((node as Image).url, node)
    else if (node.type === 'imageReference') {
      const definition = definitions.get((node as ImageReference).identifier)
      if (definition) consider(definition.url, node)
    } else if (node.type === 'html') {
      for (const src of imgSources(parseHtml((node as { value: string }).value))) consider(src, node)
    }
  })
  return [...found].map(([url, place]) => ({ url, place }))
}

/** Resolve and vet every image of the tree; the map is keyed by the URL as written. */
export function loadAssets(file: VFile, tree: Root, root: string, remote?: RemoteImages): Map<string, Asset> {
  const assets = new Map<string, Asset>()
  for (const { url, place } of imageReferences(tree)) {
    const asset = vetImage(file, url, root, place, remote)
    if (asset) assets.set(url, asset)
  }
  return assets
}

/** `src` of every `<img>` in parsed raw HTML. */
function imgSources(nodes: ReturnType<typeof parseHtml>, out: string[] = []): string[] {
  for (const node of nodes) {
    if (node.type !== 'element') continue
    if (node.tagName === 'img' && typeof node.properties.src === 'string') out.push(node.properties.src)
    imgSources(node.children, out)
  }
  return out
}

/**
 * The frontmatter's `cover-image`, vetted as the body's images are: a PNG or JPEG inside the
 * content folder (a cover is never fetched); otherwise a warning and no cover.
 */
export function loadCover(file: VFile, url: string, root: string, place: Position | undefined): Asset | undefined {
  if (/^https?:/i.test(url)) {
    warn(file, `cover image "${url}" is remote: a cover must be a file beside the document; the EPUB is made without a cover`, place, 'image-remote')
    return undefined
  }
  return vetImage(file, url, root, place, undefined, 'the EPUB is made without a cover')
}

/** Read one image if it is a local PNG or JPEG inside `root`; otherwise warn (saying what is done instead) and return nothing. */
function vetImage(file: VFile, url: string, root: string, place: Node | Position | undefined, remote: RemoteImages | undefined, instead = 'its alt text stands in for it'): Asset | undefined {
  const refuse = (reason: string, rule: string) => {
    warn(file, `image "${url}" ${reason}; ${instead}`, place, rule)
    return undefined
  }
  const note = (reason: string, rule: string) => warn(file, `image "${url}" ${reason}`, place, rule)
  if (url.trim() === '') return refuse('has no address', 'image-missing')
  if (/^https?:/i.test(url)) {
    const fetched = remote?.get(url)
    if (fetched === undefined) return refuse('is remote and is not fetched (only files beside the document are embedded; `--allow-remote` fetches public http(s) images)', 'image-remote')
    if (fetched instanceof Error) return refuse(`could not be fetched: ${fetched.message}`, 'image-remote')
    return vetBytes(fetched, url, refuse, note)
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return refuse('is not a file inside the content folder (URL schemes such as file: and data: are refused)', 'image-outside-root')
  let relative: string
  try {
    relative = decodeURIComponent(url.replace(/[?#].*$/, ''))
  } catch {
    return refuse('has a malformed %-escape in its address', 'image-missing')
  }
  if (path.isAbsolute(relative) || relative.startsWith('/') || relative.startsWith('\\')) return refuse('is an absolute path; write a path relative to the document', 'image-outside-root')
  const resolved = path.resolve(root, relative)
  if (!isInside(root, resolved)) return refuse('lies outside the content folder and is not read', 'image-outside-root')
  let real: string
  try {
    real = realpathSync(resolved)
  } catch {
    return refuse(`was not found (looked for ${path.relative(root, resolved)})`, 'image-missing')
  }
  if (!isInside(realpathSync(root), real)) return refuse('is a link to a file outside the content folder and is not read', 'image-outside-root')
  const stat = statSync(real)
  if (!stat.isFile()) return refuse('is not a file', 'image-missing')
  if (stat.size > MAX_BYTES) return refuse(`is larger than ${MAX_BYTES / 1024 / 1024} MB`, 'image-too-large')
  return vetBytes(readWhole(real, stat.size), real, refuse, note)
}

/** Accept the bytes of an image if they are a sound PNG or JPEG of sane dimensions; a GIF is converted to PNG. */
function vetBytes(data: Buffer, where: string, refuse: (reason: string, rule: string) => undefined, note: (reason: string, rule: string) => void): Asset | undefined {
  if (data.length > MAX_BYTES) return refuse(`is larger than ${MAX_BYTES / 1024 / 1024} MB`, 'image-too-large')
  let size: ReturnType<typeof imageSize>
  try {
    size = imageSize(data)
  } catch {
    return refuse('is not an image offprint can read (PNG or JPEG expected)', 'image-unsupported')
  }
  if (size.type === 'gif') {
    if (!size.width || !size.height || size.width * size.height > MAX_PIXELS) return refuse(`has unusable dimensions (${size.width}×${size.height} pixels)`, 'image-too-large')
    const converted = gifToPng(data)
    if (typeof converted === 'string') return refuse(`is a GIF that could not be converted to PNG (${converted})`, 'image-corrupt')
    if (converted.frames > 1) note(`is an animated GIF (${converted.frames} frames): only its first frame is shown`, 'image-animated')
    return { path: where, data: converted.png, type: 'png', width: converted.width, height: converted.height, original: { data, type: 'gif' } }
  }
  if (size.type === 'svg') return refuse(`is ${size.type.toUpperCase()}, which is not embedded: convert it to PNG`, 'image-unsupported')
  if (size.type !== 'png' && size.type !== 'jpg') return refuse(`is ${String(size.type).toUpperCase()}; only PNG and JPEG are embedded`, 'image-unsupported')
  if (!size.width || !size.height || size.width * size.height > MAX_PIXELS) return refuse(`has unusable dimensions (${size.width}×${size.height} pixels)`, 'image-too-large')
  const problem = size.type === 'png' ? pngProblem(data) : jpegProblem(data)
  if (problem) return refuse(`is damaged (${problem})`, 'image-corrupt')
  return { path: where, data, type: size.type, width: size.width, height: size.height }
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}

function readWhole(file: string, size: number): Buffer {
  const data = Buffer.alloc(size)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, data, 0, size, 0)
  } finally {
    closeSync(fd)
  }
  return data
}

/** Decode the PNG fully: a truncated or corrupt one would otherwise break the PDF writer. */
function pngProblem(data: Buffer): string | undefined {
  try {
    PNG.sync.read(data)
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}

/** A JPEG must end with its end-of-image marker; a truncated one is refused. */
function jpegProblem(data: Buffer): string | undefined {
  const end = data.subarray(Math.max(0, data.length - 16))
  return end.includes(Buffer.from([0xff, 0xd9])) ? undefined : 'the file is truncated'
}
