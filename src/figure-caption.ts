/**
 * Figure captions, shared by both outputs. A paragraph holding only an image is a figure; its
 * caption is the image's title, else its alt text (pandoc's convention). A credit is the part of
 * the caption from `©`, `Credit:` or `Photo:` on, printed on its own line.
 */
import type { Image, ImageReference, Paragraph } from 'mdast'

/** The image of a paragraph that holds nothing else (white space aside). */
export function loneImage(node: Paragraph): Image | ImageReference | undefined {
  const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
  const [only] = content
  return content.length === 1 && (only!.type === 'image' || only!.type === 'imageReference') ? only : undefined
}

/** Caption and credit of a figure from its title or alt text. */
export function splitCaption(title: string | null | undefined, alt: string | null | undefined): { caption: string; credit?: string } {
  const text = (title || alt || '').trim()
  const match = /(?:^|\s)(©|\(c\)|Credit:|Photo:)/i.exec(text)
  if (!match) return { caption: text }
  const at = match.index + match[0].length - match[1]!.length
  return { caption: text.slice(0, at).trim(), credit: text.slice(at).trim() }
}
