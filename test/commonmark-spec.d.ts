/** The npm `commonmark-spec` package (no typings): the spec text and its examples. */
declare module 'commonmark-spec' {
  const spec: { text: string; tests: { markdown: string; html: string; number: number; section: string }[] }
  export default spec
}
