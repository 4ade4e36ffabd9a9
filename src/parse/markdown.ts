/** The one Markdown processor: CommonMark + GFM + YAML frontmatter, producing mdast. */
import type { Root } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze()

/** Parse Markdown text into mdast with positions (line and column of every node). */
export function parseMarkdown(text: string): Root {
  return processor.parse(text)
}
