/** Deterministic Markdown generators for the benchmark (and the chunked-parse tests). */

/** A small seeded PRNG (mulberry32) so every run generates the same text. */
export function random(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = 'the report found that government forces attacked schools hospitals markets and homes in the region during months of fighting witnesses described strikes at night while aid workers counted victims and documented damage to water power and roads across several towns'.split(' ')

function sentence(rand, min = 8, max = 20) {
  const n = min + Math.floor(rand() * (max - min))
  const words = Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)])
  words[0] = words[0][0].toUpperCase() + words[0].slice(1)
  if (rand() < 0.2) words[Math.floor(rand() * n)] = `*${WORDS[Math.floor(rand() * WORDS.length)]}*`
  if (rand() < 0.15) words[Math.floor(rand() * n)] = `**${WORDS[Math.floor(rand() * WORDS.length)]}**`
  if (rand() < 0.1) words[Math.floor(rand() * n)] = '`code()`'
  return `${words.join(' ')}.`
}

function paragraph(rand, sentences = 4) {
  return Array.from({ length: 2 + Math.floor(rand() * sentences) }, () => sentence(rand)).join(' ')
}

function list(rand, depth = 0) {
  const lines = []
  const ordered = rand() < 0.4
  const items = 3 + Math.floor(rand() * 4)
  for (let i = 0; i < items; i++) {
    const indent = '   '.repeat(depth)
    lines.push(`${indent}${ordered ? `${i + 1}.` : '-'} ${sentence(rand, 5, 14)}`)
    if (depth < 2 && rand() < 0.3) lines.push(list(rand, depth + 1))
  }
  return lines.join('\n')
}

function quote(rand) {
  const inner = [paragraph(rand, 2)]
  if (rand() < 0.5) inner.push(list(rand, 0))
  if (rand() < 0.3) inner.push(`> ${sentence(rand)}`)
  return inner.join('\n\n').split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n')
}

function table(rand) {
  const rows = 3 + Math.floor(rand() * 5)
  const out = ['| Town | Date | Attacks | Notes |', '| --- | --- | ---: | --- |']
  for (let i = 0; i < rows; i++) out.push(`| ${WORDS[i % WORDS.length]} | 2020-0${1 + (i % 9)}-1${i % 10} | ${Math.floor(rand() * 100)} | ${sentence(rand, 3, 6)} |`)
  return out.join('\n')
}

function code(rand) {
  const lines = ['```js']
  for (let i = 0; i < 4 + Math.floor(rand() * 8); i++) lines.push(`const v${i} = compute(${i}, "${WORDS[i % WORDS.length]}")`)
  lines.push('```')
  return lines.join('\n')
}

function frontmatter(title) {
  return `---\ntitle: ${title}\nauthor: Benchmark Generator\ndate: 2020-05-11\nlang: en\n---\n`
}

/** A news article of a few paragraphs, a heading or two, a list and a quote (about 1–2 pages). */
export function article(index) {
  const rand = random(1000 + index)
  const blocks = [frontmatter(`Article ${index}`), paragraph(rand), paragraph(rand)]
  blocks.push(`## Findings`, paragraph(rand), list(rand), paragraph(rand), quote(rand))
  blocks.push(`## Response`, paragraph(rand), paragraph(rand))
  return `${blocks.join('\n\n')}\n`
}

/** A book: chapters with sections, paragraphs, tables, code, lists and quotes; `chapters` sets the length. */
export function book(chapters) {
  const rand = random(42)
  const blocks = [frontmatter('A Generated Book')]
  for (let c = 1; c <= chapters; c++) {
    blocks.push(`# Chapter ${c}`)
    for (let s = 1; s <= 4; s++) {
      blocks.push(`## Section ${c}.${s}`, paragraph(rand, 6), paragraph(rand, 6), list(rand), paragraph(rand, 5))
      if (s % 2 === 0) blocks.push(table(rand))
      if (s % 2 === 1) blocks.push(code(rand))
      blocks.push(quote(rand), paragraph(rand, 6))
    }
  }
  return `${blocks.join('\n\n')}\n`
}

/**
 * A large container-heavy document of about `bytes` bytes: many lists (nested), quotes, tables,
 * code, footnotes and reference links whose definitions sit at the end.
 */
export function large(bytes) {
  const rand = random(7)
  const blocks = [frontmatter(`Large document of ${bytes} bytes`)]
  let size = 0
  let n = 0
  while (size < bytes) {
    n++
    const part = []
    if (n % 10 === 1) part.push(`## Part ${n}`)
    part.push(`${paragraph(rand)} See [the source][src${n % 50}] and a note.[^n${n % 40}]`)
    part.push(list(rand), quote(rand))
    if (n % 3 === 0) part.push(table(rand))
    if (n % 4 === 0) part.push(code(rand))
    const text = part.join('\n\n')
    size += text.length + 2
    blocks.push(text)
  }
  for (let i = 0; i < 50; i++) blocks.push(`[src${i}]: https://example.org/source/${i}`)
  for (let i = 0; i < 40; i++) blocks.push(`[^n${i}]: ${sentence(rand)}`)
  return `${blocks.join('\n\n')}\n`
}
