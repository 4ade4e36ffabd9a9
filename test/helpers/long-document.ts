/** A long generated article (deterministic) for pagination tests: many sections, paragraphs of every length. */

const WORDS = (
  'the report documents international humanitarian organisations investigation testimony ' +
  'satellite imagery displacement infrastructure responsibility accountability government ' +
  'correspondents archival publication independent verification communication residential ' +
  'neighbourhood hospital schools civilians negotiations representatives photographs evidence ' +
  'of and in on with by for to from across between during after before under systematic ' +
  'documentation considerable circumstances extraordinary reconstruction interpretation'
).split(' ')

/** A small linear congruential generator: the same seed gives the same document everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** Paragraph `n` starts with "Paragraph n." so tests can tell which lines belong to which paragraph. */
export function longDocument(options: { parts?: number; sectionsPerPart?: number; seed?: number; lang?: string } = {}): string {
  const next = random(options.seed ?? 7)
  const pick = () => WORDS[Math.floor(next() * WORDS.length)]!
  const sentence = (length: number) => {
    const words = Array.from({ length }, pick)
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`
  }
  let paragraph = 0
  const out = [`---\ntitle: A Long Generated Report on Typesetting\nsubtitle: Pagination, hyphenation and furniture under test\nauthor: Offprint Tests\ndate: 2024-02-01\nlang: ${options.lang ?? 'en'}\n---\n`]
  for (let part = 1; part <= (options.parts ?? 4); part++) {
    out.push(`# Part ${part}: findings and methods\n`)
    for (let section = 1; section <= (options.sectionsPerPart ?? 4); section++) {
      out.push(`## Section ${part}.${section} on documentation\n`)
      const count = 2 + Math.floor(next() * 4)
      for (let index = 0; index < count; index++) {
        paragraph++
        const sentences = Array.from({ length: 1 + Math.floor(next() * 7) }, () => sentence(6 + Math.floor(next() * 14)))
        let text = `Paragraph ${paragraph}. ${sentences.join(' ')}`
        if (paragraph % 5 === 0) text += ` See [the archive](https://example.org/archive/${paragraph}) and *the testimony* of **independent correspondents**.`
        out.push(`${text}\n`)
      }
      if (section === 2) out.push(`- ${sentence(8)}\n- ${sentence(12)}\n- ${sentence(5)}\n`)
    }
  }
  return out.join('\n')
}
