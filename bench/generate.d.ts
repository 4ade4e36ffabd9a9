/** Types of the deterministic Markdown generators in generate.js. */
export function random(seed: number): () => number
/** A news article of a few paragraphs (about 1–2 pages). */
export function article(index: number): string
/** A book of `chapters` chapters with sections, tables, code, lists and quotes. */
export function book(chapters: number): string
/** A container-heavy document of about `bytes` bytes, definitions at the end. */
export function large(bytes: number): string
