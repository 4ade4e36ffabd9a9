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
