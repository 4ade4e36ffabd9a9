/**
 * How much one document may take. A build's memory grows with its Markdown (~200 bytes per byte),
 * so both limits together bound what a batch of untrusted documents can use. A module of its own:
 * the CLI reads the defaults without loading the pipeline.
 */

/**
 * Heap of each document's build, in MB (`--max-memory`): documents build in worker threads, and a
 * worker that reaches it is stopped and its document fails with `memory-limit`.
 */
export const DEFAULT_MAX_MEMORY_MB = 2048

/**
 * Largest Markdown file built, in bytes (`--max-input-size`): 8 MiB, a book of some 1.3 million
 * words, and about what fits in the default heap. A larger file fails at once, before it is read,
 * rather than after minutes and gigabytes.
 */
export const DEFAULT_MAX_INPUT_BYTES = 8 * 1024 * 1024
