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

/** What must stop before partial outputs can be removed for good (a pool of writing workers). */
const writers = new Set<() => Promise<unknown>>()

/** Register `stop` (e.g. destroying a worker pool) to run when the build is interrupted; returns the unregister function. */
export function stopOnInterrupt(stop: () => Promise<unknown>): () => void {
  writers.add(stop)
  return () => writers.delete(stop)
}

/** Longest an interrupted build waits for its writers to stop before it exits anyway. */
const STOP_TIMEOUT_MS = 3000

/**
 * Until the returned function is called, SIGINT and SIGTERM end the process (exit 128 + signal
 * number) after removing partial outputs from `outDir`. Worker threads write too, and signals
 * reach only the main thread: the workers are stopped first (a worker still running could begin a
 * new temporary file after the clean-up, which a loaded machine once showed), then the partial
 * files go, once now and once more on the way out.
 */
export function cleanUpOnSignal(outDir: string, err: { write(text: string): unknown }): () => void {
  let stopping = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    const exit = () => {
      removePartialOutputs(outDir)
      err.write(`offprint: interrupted by ${signal}; outputs already written are complete, the rest were not written\n`)
      process.once('exit', () => removePartialOutputs(outDir))
      process.exit(128 + constants.signals[signal])
    }
    const timeout = new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref())
    void Promise.race([Promise.allSettled([...writers].map((stop) => stop())), timeout]).then(exit)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
