/**
 * Preloaded with `node --import` by tests: appends every module the process loads (ESM through a
 * resolve hook, CommonJS through Module._load) and every file it reads to $OFFPRINT_LOAD_LOG, one
 * `module <url>` or `read <path>` line each, so a test can say what a command did not touch.
 */
import { appendFileSync } from 'node:fs'
import fs from 'node:fs'
import Module, { register, syncBuiltinESMExports } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

const log = process.env.OFFPRINT_LOAD_LOG
if (log) {
  const note = (line) => appendFileSync(log, `${line}\n`)
  // The resolve hook runs on the loader's own thread; it logs there, to the same file.
  register('./record-loads-hooks.mjs', import.meta.url)
  const load = Module._load
  Module._load = function (request, parent, isMain) {
    try {
      note(`module ${pathToFileURL(Module._resolveFilename(request, parent, isMain)).href}`)
    } catch {
      note(`module ${request}`)
    }
    return load.apply(this, arguments)
  }
  const asPath = (file) => (file instanceof URL ? fileURLToPath(file) : Buffer.isBuffer(file) ? file.toString() : String(file))
  for (const name of ['readFileSync', 'openSync', 'readFile', 'open', 'createReadStream']) {
    const original = fs[name]
    fs[name] = function (file, ...rest) {
      if (typeof file !== 'number') note(`read ${asPath(file)}`)
      return original.call(this, file, ...rest)
    }
  }
  for (const name of ['readFile', 'open']) {
    const original = fs.promises[name]
    fs.promises[name] = function (file, ...rest) {
      if (typeof file === 'string' || file instanceof URL || Buffer.isBuffer(file)) note(`read ${asPath(file)}`)
      return original.call(this, file, ...rest)
    }
  }
  syncBuiltinESMExports()
}
