/** Module hooks of record-loads.mjs: log each resolved module URL to $OFFPRINT_LOAD_LOG. */
import { appendFileSync } from 'node:fs'

/** Resolve as Node would, then note the result. */
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context)
  if (process.env.OFFPRINT_LOAD_LOG) appendFileSync(process.env.OFFPRINT_LOAD_LOG, `module ${resolved.url}\n`)
  return resolved
}
