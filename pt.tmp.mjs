import { readFileSync } from 'node:fs'
const text = readFileSync(process.argv[2], 'utf8')
const { parseMarkdown } = await import('/work/wt-lead/dist/parse/markdown.js')
for (const size of [4096, 8192, 16384, 32768, 65536, 4096, 32768]) {
  const r = []
  for (let i = 0; i < 3; i++) { const t = performance.now(); parseMarkdown(text, size); r.push((performance.now() - t) | 0) }
  console.log(size, r.join(' '))
}
