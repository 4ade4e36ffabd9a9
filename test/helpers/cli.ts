/** Running the compiled CLI in a child process, in a temporary project folder. */
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { tempDir } from './build.js'

const BIN = path.resolve('bin/offprint.js')

/** Run `offprint ARGS` in `cwd`; its exit code and output. */
export function offprint(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** A temporary project folder holding `files` (relative path → text). */
export function project(files: Record<string, string | Buffer>): string {
  const dir = tempDir()
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), text)
  }
  return dir
}
