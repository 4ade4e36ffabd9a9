/**
 * mdast-util-to-hast handlers where the EPUB needs differ from the defaults: highlighted code,
 * figures, vetted images only, links that resolve inside the book, ordered lists whose numbers
 * survive epub-gen-memory (it drops `start`), table captions.
 */
import type { Element, ElementContent } from 'hast'
import type { Code, Image, ImageReference, Link, LinkReference, List, Paragraph, Table } from 'mdast'
import { defaultHandlers, type Handlers, type State } from 'mdast-util-to-hast'
import { defListHastHandlers } from 'remark-definition-list'
import { normalizeUri } from 'micromark-util-sanitize-uri'
import type { Document } from '../../document.js'
import { loneImage, splitCaption } from '../../figure-caption.js'
import { highlight } from '../../highlight.js'
import { codeLines } from '../code-lines.js'
import { fragmentTarget } from '../../parse/links.js'

const element = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({ type: 'element', tagName, properties, children })
const text = (value: string): ElementContent => ({ type: 'text', value })

/** The URL under which a vetted asset is handed to epub-gen-memory (never a real path or URL). */
export function assetUrl(index: number, type: string): string {
  return `offprint-asset:///${index}.${type}`
}

/** Handlers for one document; `images` collects the assets the book embeds, by asset URL. */
export function epubHandlers(document: Document, images: Map<string, Buffer>): Partial<Handlers> {
  const urls = new Map<string, string>()
  const imageElement = (url: string | undefined, alt: string, title?: string | null): Element => {
    const asset = url === undefined ? undefined : document.assets.get(url)
    // An image that failed vetting shows its alt text (the warning was given by parse).
    if (!asset) return element('span', { className: ['image-alt'] }, [text(alt ? `[${alt}]` : '[image]')])
    let src = urls.get(url!)
    if (!src) {
      src = assetUrl(urls.size + 1, asset.type)
      urls.set(url!, src)
      images.set(src, asset.data)
    }
    return element('img', { src, alt, ...(title ? { title } : {}) }, [])
  }
  const definitionOf = (state: State, identifier: string) => state.definitionById.get(identifier.toUpperCase())

  const link = (state: State, node: Link | LinkReference, url: string | undefined, title?: string | null): ElementContent => {
    const children = state.all(node) as ElementContent[]
    const href = url === undefined ? undefined : resolveHref(url, document.anchors)
    if (href === undefined) return element('span', { className: ['link-unresolved'] }, children)
    return element('a', { href, ...(title ? { title } : {}) }, children)
  }

  return {
    // Definition lists as <dl>, <dt>, <dd> (remark-definition-list's own handlers).
    ...(defListHastHandlers as Partial<Handlers>),
    code(state: State, node: Code): Element {
      const highlighted = highlight(node.value, node.lang)
      const lang = node.lang ? { className: [`language-${node.lang}`] } : {}
      const code = element('code', lang, codeLines(highlighted ? (highlighted.children as ElementContent[]) : [text(node.value)]))
      const pre = element('pre', {}, [code])
      state.patch(node, pre)
      return pre
    },
    image: (_state: State, node: Image) => imageElement(node.url, node.alt ?? '', node.title),
    imageReference: (state: State, node: ImageReference) => {
      const definition = definitionOf(state, node.identifier)
      return imageElement(definition?.url, node.alt ?? '', definition?.title)
    },
    link: (state: State, node: Link) => link(state, node, node.url, node.title),
    linkReference: (state: State, node: LinkReference) => {
      const definition = definitionOf(state, node.identifier)
      if (!definition) return defaultHandlers.linkReference(state, node)
      return link(state, node, definition.url, definition.title)
    },
    paragraph(state: State, node: Paragraph): Element {
      const image = loneImage(node)
      if (!image) return defaultHandlers.paragraph(state, node) as Element
      const definition = image.type === 'imageReference' ? definitionOf(state, image.identifier) : undefined
      const url = image.type === 'image' ? image.url : definition?.url
      const title = image.type === 'image' ? image.title : definition?.title
      const picture = imageElement(url, image.alt ?? '', title)
      if (picture.tagName !== 'img') return element('p', {}, [picture])
      const { caption, credit } = splitCaption(title, image.alt)
      const captionChildren: ElementContent[] = caption ? [text(caption)] : []
      if (credit) captionChildren.push(element('span', { className: ['credit'] }, [text(credit)]))
      const figure = element('figure', {}, [picture, ...(captionChildren.length ? [element('figcaption', {}, captionChildren)] : [])])
      state.patch(node, figure)
      return figure
    },
    table(state: State, node: Table): Element {
      const table = defaultHandlers.table(state, node) as Element
      const caption = node.data?.caption
      // The caption (pandoc's `Table: …`, see parse/table-captions.ts) is the table's first child.
      if (caption) table.children.unshift(element('caption', {}, state.all({ type: 'paragraph', children: caption }) as ElementContent[]))
      return table
    },
    list(state: State, node: List): Element {
      const list = defaultHandlers.list(state, node) as Element
      const start = node.start ?? 1
      if (!node.ordered || start === 1) return list
      // epub-gen-memory drops `start`: the numbers are written out instead.
      list.properties = { className: ['numbered'] }
      let number = start
      for (const item of list.children) {
        if (item.type !== 'element' || item.tagName !== 'li') continue
        item.children.unshift(element('span', { className: ['list-number'] }, [text(`${number++}.`)]), text(' '))
      }
      return list
    },
  }
}

/** The href a link keeps in the book, or undefined when it cannot resolve there (text stays, link goes). */
function resolveHref(url: string, anchors: Set<string>): string | undefined {
  if (url.startsWith('#')) {
    const id = fragmentTarget(url, anchors)
    return id === undefined ? undefined : `#${id}`
  }
  // Percent-encoded as mdast-util-to-hast does: the XHTML needs a valid URI.
  if (/^(https?|ftp):/i.test(url)) return validHost(url) ? normalizeUri(url) : undefined
  if (/^(mailto|tel):/i.test(url)) return normalizeUri(url)
  // Relative links point at files that are not in the book; javascript: and the like are never kept.
  return undefined
}

/** Whether a web URL names a host a reading system can resolve (epubcheck warns about `https://../`). */
function validHost(url: string): boolean {
  try {
    return /^([a-z0-9-]+\.)*[a-z0-9-]+$/i.test(new URL(url).hostname) || /^\[[0-9a-f:.]+\]$/i.test(new URL(url).hostname)
  } catch {
    return false
  }
}
