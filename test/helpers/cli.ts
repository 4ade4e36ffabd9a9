/** Running the compiled CLI in a child process, in a temporary project folder. */
import { execFile } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { tempDir } from './build.js'

const BIN = path.resolve('bin/offprint.js')

/**
 * Run `offprint ARGS` in `cwd`; its exit code and output. Asynchronous: a test worker blocked in
 * spawnSync stops answering vitest, which then reports an RPC timeout.
 */
export function offprint(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    })
  })
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
