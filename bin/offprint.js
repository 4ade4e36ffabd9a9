#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm ci` through the `prepare` script).
import { run } from '../dist/cli.js'

process.exitCode = await run(process.argv.slice(2))
