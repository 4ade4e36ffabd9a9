/** Atomic writes: a reader sees the old file or the new one, never a partial one. */
import { mkdir } from 'node:fs/promises'
import { readdirSync, unlinkSync } from 'node:fs'
import path from 'node:path'
import { constants } from 'node:os'
import writeFileAtomic from 'write-file-atomic'

/** Write `data` to `file` through a temporary file in the same folder and a rename. */
export async function writeAtomic(file: string, data: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  await writeFileAtomic(file, data)
}

/** write-file-atomic names its temporary file `<output>.<number>`. */
const PARTIAL = /\.(pdf|epub)\.\d+$/

/** Remove the temporary files of outputs still being written in `outDir` (synchronously: it runs on exit). */
export function removePartialOutputs(outDir: string): string[] {
  let names: string[]
  try {
    names = readdirSync(outDir)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names.filter((entry) => PARTIAL.test(entry))) {
    try {
      unlinkSync(path.join(outDir, name))
      removed.push(name)
    } catch {
      // Renamed into place or removed meanwhile: nothing partial is left either way.
    }
  }
  return removed
}

/**
 * Until the returned function is called, SIGINT and SIGTERM end the process (exit 128 + signal
 * number) after removing partial outputs from `outDir`. Worker threads write too, and signals
 * reach only the main thread, so write-file-atomic's own clean-up cannot cover their files.
 */
export function cleanUpOnSignal(outDir: string, err: { write(text: string): unknown }): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    removePartialOutputs(outDir)
    err.write(`offprint: interrupted by ${signal}; outputs already written are complete, the rest were not written\n`)
    // Once more on the way out: a worker may have begun a write in the meantime.
    process.once('exit', () => removePartialOutputs(outDir))
    process.exit(128 + constants.signals[signal])
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
