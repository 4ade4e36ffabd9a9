/**
 * `--watch`: after the first build, rebuild when anything under the watched paths changes.
 * Changes are debounced (an editor's save is several events); a build in progress is never
 * interrupted, changes during it start one more build after it. The cache makes each rebuild
 * incremental: only changed documents are built again.
 */
import path from 'node:path'

/** A running watch; `close` stops it. */
export interface Watch {
  close(): Promise<void>
}

/** Quiet time after the last change before rebuilding, in milliseconds. */
export const DEBOUNCE_MS = 150

/**
 * Watch `paths` (files or folders), ignoring `ignore` (the output folder) and dot folders, and call
 * `rebuild` with the changed files; `onReady` fires once the watcher is armed.
 */
export async function watchPaths(paths: string[], ignore: string[], rebuild: (changed: string[]) => Promise<void>, onReady: () => void): Promise<Watch> {
  const { watch } = await import('chokidar')
  const ignored = ignore.map((dir) => path.resolve(dir))
  const watcher = watch(paths, {
    ignoreInitial: true,
    ignored: (file: string) => ignored.some((dir) => file === dir || file.startsWith(`${dir}${path.sep}`)) || path.basename(file).startsWith('.'),
  })
  let pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  const flush = async () => {
    timer = undefined
    if (running) return
    const changed = [...pending]
    pending = new Set()
    running = rebuild(changed).finally(() => {
      running = undefined
      if (pending.size > 0 && !timer) timer = setTimeout(flush, DEBOUNCE_MS)
    })
    await running
  }
  watcher.on('all', (_event, file) => {
    pending.add(file)
    if (timer) clearTimeout(timer)
    timer = setTimeout(flush, DEBOUNCE_MS)
  })
  await new Promise<void>((resolve) => watcher.once('ready', resolve))
  onReady()
  return {
    async close() {
      if (timer) clearTimeout(timer)
      await running
      await watcher.close()
    },
  }
}
