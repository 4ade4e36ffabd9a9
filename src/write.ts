/** Atomic writes: a reader sees the old file or the new one, never a partial one. */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import writeFileAtomic from 'write-file-atomic'

/** Write `data` to `file` through a temporary file in the same folder and a rename. */
export async function writeAtomic(file: string, data: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  await writeFileAtomic(file, data)
}
