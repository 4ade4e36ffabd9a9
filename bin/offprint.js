#!/usr/bin/env node
// The CLI, bundled into dist/bundle/ by `npm run compile` (which `npm ci` runs through `prepare`).
import { run } from '../dist/bundle/cli.js'

process.exitCode = await run(process.argv.slice(2))
