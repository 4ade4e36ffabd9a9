/** Helpers to report author mistakes as vfile messages (`file:line:col: message`). */
import type { Node, Position } from 'unist'
import type { VFile } from 'vfile'

/** The `source` of every message offprint emits. */
export const MESSAGE_SOURCE = 'offprint'

/** Report a degraded-but-possible outcome; `--strict` turns these into failures. */
export function warn(file: VFile, reason: string, place: Node | Position | undefined, ruleId: string): void {
  const message = file.message(reason, { place: placeOf(place), ruleId, source: MESSAGE_SOURCE })
  message.fatal = false
}

/** Report a problem that makes a faithful output impossible (stops this document only). */
export function fail(file: VFile, reason: string, place: Node | Position | undefined, ruleId: string): never {
  return file.fail(reason, { place: placeOf(place), ruleId, source: MESSAGE_SOURCE })
}

function placeOf(place: Node | Position | undefined): Position | undefined {
  if (!place) return undefined
  return 'type' in place ? place.position : place
}

/** Format one message the way compilers do: `path:line:col: severity: reason [rule]`. */
export function formatMessage(message: { file?: string; line?: number; column?: number; fatal?: boolean | null; reason: string; ruleId?: string }, path: string): string {
  const where = `${path}:${message.line ?? 1}:${message.column ?? 1}`
  const severity = message.fatal ? 'error' : 'warning'
  const rule = message.ruleId ? ` [${message.ruleId}]` : ''
  return `${where}: ${severity}: ${message.reason}${rule}`
}

/** What to do about a system error, by its code. */
const FIXES: Record<string, string> = {
  ENOENT: 'check that the file or folder exists',
  EACCES: 'check the permissions of the file and of the output folder',
  EPERM: 'check the permissions of the file and of the output folder',
  EROFS: 'write the outputs to a writable folder with --out',
  ENOSPC: 'free some disk space, or write the outputs elsewhere with --out',
  EISDIR: 'a folder stands where a file is expected; rename or remove it',
  ENOTDIR: 'a file stands where a folder is expected; rename or remove it',
  EEXIST: 'a file stands where a folder is expected; rename or remove it',
  EMFILE: 'too many open files; raise the limit (ulimit -n) or build fewer files at once',
}

/**
 * An unexpected failure as one line a person can act on: the error's text plus a hint for system
 * errors; a stack overflow or out-of-memory names the input as the likely cause.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as NodeJS.ErrnoException).code
  if (code && FIXES[code]) return `${error.message}: ${FIXES[code]}`
  if (error instanceof RangeError && /call stack/i.test(error.message)) return `${error.message}: the document is nested too deeply; simplify its structure`
  if (error instanceof RangeError && /(invalid (string|array) length|allocation)/i.test(error.message)) return `${error.message}: the document is too large to build; split it into smaller files`
  return `${error.message} (this is a bug in offprint: please report it with the document)`
}
