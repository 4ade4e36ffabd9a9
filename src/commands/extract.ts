/** `offprint extract FILE.pdf [--out DIR]`: get back the Markdown source and images a PDF carries. */
import path from 'node:path'
import { openPdf } from '../pdf-reader.js'
import { writeAtomic } from '../write.js'

/** One file embedded in a PDF, by the name (relative path) it was embedded under. */
export interface EmbeddedFile {
  name: string
  bytes: Uint8Array
}

/** Every file embedded in the PDF, in the order of its name tree. */
export async function readEmbeddedFiles(pdfFile: string): Promise<EmbeddedFile[]> {
  const doc = await openPdf(pdfFile)
  try {
    const attachments = ((await doc.getAttachments()) ?? {}) as Record<string, { rawFilename?: string; filename: string; content: Uint8Array }>
    return Object.values(attachments).map((attachment) => ({ name: attachment.rawFilename ?? attachment.filename, bytes: attachment.content }))
  } finally {
    await doc.destroy()
  }
}

/** A relative path that stays inside the output folder, or undefined for names that would leave it. */
export function safeRelativePath(name: string): string | undefined {
  const parts = name.replace(/\\/g, '/').split('/').filter((part) => part !== '' && part !== '.')
  if (parts.length === 0 || /^[a-z]:/i.test(name) || name.startsWith('/') || parts.includes('..')) return undefined
  return parts.join(path.sep)
}

/** Write every embedded file under `outDir`; returns the written paths, and the names refused as unsafe. */
export async function extractEmbeddedFiles(pdfFile: string, outDir: string): Promise<{ written: string[]; refused: string[] }> {
  const written: string[] = []
  const refused: string[] = []
  for (const file of await readEmbeddedFiles(pdfFile)) {
    const relative = safeRelativePath(file.name)
    if (!relative) {
      refused.push(file.name)
      continue
    }
    const target = path.join(outDir, relative)
    await writeAtomic(target, Buffer.from(file.bytes))
    written.push(target)
  }
  return { written, refused }
}

/** The CLI command: prints what it wrote; exit 1 when the PDF carries no files or cannot be read. */
export async function runExtract(pdfFile: string, options: { out?: string }, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const outDir = options.out ?? `${path.basename(pdfFile, path.extname(pdfFile))}-source`
  let result
  try {
    result = await extractEmbeddedFiles(pdfFile, outDir)
  } catch (error) {
    err.write(`offprint: cannot read ${pdfFile}: ${(error as Error).message}\n`)
    return 1
  }
  for (const name of result.refused) err.write(`offprint: ${pdfFile}: skipped embedded file with an unsafe name: ${JSON.stringify(name)}\n`)
  if (result.written.length === 0) {
    err.write(`offprint: ${pdfFile} carries no embedded source files\n`)
    return 1
  }
  for (const written of result.written) out.write(`extracted ${written}\n`)
  return 0
}
