import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildMarkdown } from './helpers/build.js'
import { VFile } from 'vfile'
import { loadTheme, parse, renderEpub } from '../src/index.js'
import { fetchRemote, isPublicAddress, REMOTE_DEFAULTS, RemoteError, type RemoteOptions } from '../src/net/fetch-remote.js'
import { fetchRemoteImages } from '../src/net/remote-images.js'
import { offprint, project } from './helpers/cli.js'
import { readEpubBytes } from './helpers/epub.js'

/** A local HTTP server that counts every request that reaches it. */
let server: Server
let port: number
let hits: string[] = []
// A valid 1×1 PNG (vetting decodes images fully).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '')
    if (req.url === '/dot.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG)
    else if (req.url === '/big.png') res.writeHead(200, { 'content-type': 'image/png', 'content-length': 5000 }).end(Buffer.alloc(5000))
    else if (req.url === '/chunked.png') {
      res.writeHead(200, { 'content-type': 'image/png' })
      for (let index = 0; index < 10; index++) res.write(Buffer.alloc(1000))
      res.end()
    } else if (req.url === '/slow.png') setTimeout(() => res.writeHead(200).end(PNG), 2000)
    else if (req.url === '/to-private') res.writeHead(302, { location: 'http://10.1.2.3/dot.png' }).end()
    else if (req.url === '/to-dot') res.writeHead(301, { location: '/dot.png' }).end()
    else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end()
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
beforeEach(() => {
  hits = []
})

/** Limits under which this test's loopback server stands in for a public host (and nothing else does). */
const asPublic = (options: Partial<RemoteOptions> = {}): RemoteOptions => ({
  ...REMOTE_DEFAULTS,
  isAllowedAddress: (address) => address === '127.0.0.1',
  resolve: async (host) => (host === 'images.example' ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.1.2.3', family: 4 }]),
  ...options,
})

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught)
  expect(error).toBeInstanceOf(RemoteError)
  return (error as Error).message
}

describe('a build never touches the network by default', () => {
  it('sends no request for a remote image, and says how to opt in', async () => {
    const result = await buildMarkdown(`---\ntitle: Remote\n---\n\n![a dot](http://127.0.0.1:${port}/dot.png)\n\nText.\n`)
    expect(hits).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.messages.map((message) => message.ruleId)).toEqual(['image-remote'])
    expect(result.messages[0]!.reason).toMatch(/is remote and is not fetched/)
  })
})

describe('fetchRemote (--allow-remote)', () => {
  it('refuses loopback, private, link-local and reserved addresses without connecting', async () => {
    for (const host of [`127.0.0.1:${port}`, `[::1]:${port}`, '10.0.0.1', '192.168.1.1', '169.254.169.254', '172.16.0.1', '100.64.0.1', '0.0.0.0', '[fe80::1]', '[fd00::1]', '[::ffff:127.0.0.1]', '224.0.0.1']) {
      expect(await refusal(fetchRemote(`http://${host}/dot.png`))).toMatch(/is not a public address .*only public hosts are fetched/)
    }
    expect(hits).toEqual([])
  })

  it('refuses a name that resolves to loopback (checked after DNS resolution)', async () => {
    expect(await refusal(fetchRemote(`http://localhost:${port}/dot.png`))).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), which is not a public address/)
    expect(hits).toEqual([])
  })

  it('refuses a name when any of its addresses is private', async () => {
    const options = { ...REMOTE_DEFAULTS, resolve: async () => [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }] }
    expect(await refusal(fetchRemote(`http://mixed.example:${port}/dot.png`, options))).toMatch(/resolves to 127\.0\.0\.1/)
    expect(hits).toEqual([])
  })

  it('fetches only http and https', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.org/x.png', 'data:image/png;base64,AAAA', 'javascript:alert(1)']) {
      expect(await refusal(fetchRemote(url))).toMatch(/only http and https URLs are fetched/)
    }
  })

  it('tells public addresses from the rest', () => {
    expect(isPublicAddress('93.184.216.34', 4)).toBe(true)
    expect(isPublicAddress('2606:2800:220:1:248:1893:25c8:1946', 6)).toBe(true)
    expect(isPublicAddress('127.0.0.53', 4)).toBe(false)
    expect(isPublicAddress('::ffff:10.0.0.1', 6)).toBe(false)
  })

  it('fetches from a public host, pinned to the address it was vetted at', async () => {
    const body = await fetchRemote(`http://images.example:${port}/dot.png`, asPublic())
    expect(body.equals(PNG)).toBe(true)
    expect(hits).toEqual(['/dot.png'])
  })

  it('follows a redirect on the same host, and vets where a redirect leads', async () => {
    expect((await fetchRemote(`http://images.example:${port}/to-dot`, asPublic())).equals(PNG)).toBe(true)
    expect(await refusal(fetchRemote(`http://images.example:${port}/to-private`, asPublic()))).toMatch(/10\.1\.2\.3, which is not a public address/)
    expect(await refusal(fetchRemote(`http://images.example:${port}/loop`, asPublic()))).toMatch(/more than 3 redirects/)
  })

  it('stops at the size limit, declared or not', async () => {
    expect(await refusal(fetchRemote(`http://images.example:${port}/big.png`, asPublic({ maxBytes: 4096 })))).toMatch(/is 5000 bytes, more than the limit of 4096/)
    expect(await refusal(fetchRemote(`http://images.example:${port}/chunked.png`, asPublic({ maxBytes: 4096 })))).toMatch(/more than the limit of 4096 bytes/)
  })

  it('gives up at the deadline', async () => {
    expect(await refusal(fetchRemote(`http://images.example:${port}/slow.png`, asPublic({ timeoutMs: 200 })))).toMatch(/no complete answer from images\.example:\d+ within 200 ms/)
  })

  it('reports a missing image with the HTTP status', async () => {
    expect(await refusal(fetchRemote(`http://images.example:${port}/missing.png`, asPublic()))).toMatch(/answered HTTP 404/)
  })
})

describe('--allow-remote end to end', () => {
  it('fetches a public image through the guard and embeds it in both outputs', async () => {
    const markdown = `---\ntitle: Remote\n---\n\n![a dot](http://images.example:${port}/dot.png)\n\n![gone](http://images.example:${port}/missing.png)\n`
    const remote = await fetchRemoteImages(markdown, asPublic())
    expect(hits).toEqual(['/dot.png', '/missing.png'])
    const file = new VFile({ path: 'remote.md', value: markdown })
    const document = parse(file, { remote })
    expect([...document.assets.keys()]).toEqual([`http://images.example:${port}/dot.png`])
    expect(document.assets.values().next().value!.data.equals(PNG)).toBe(true)
    expect(file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`)).toEqual([
      `7:1 image-remote image "http://images.example:${port}/missing.png" could not be fetched: ${(remote.get(`http://images.example:${port}/missing.png`) as Error).message}; its alt text stands in for it`,
    ])
    const theme = loadTheme()
    const epub = await readEpubBytes(await renderEpub(document, { theme }))
    expect(epub.files.some((name) => /\.png$/.test(name))).toBe(true)
  })

  it('refuses a loopback image even when the user opted in: no request reaches the server', async () => {
    const result = await buildMarkdown(`---\ntitle: Remote\n---\n\n![a dot](http://127.0.0.1:${port}/dot.png)\n`, { allowRemote: true })
    expect(hits).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.messages.map((message) => message.ruleId)).toEqual(['image-remote'])
    expect(result.messages[0]!.reason).toMatch(/could not be fetched: .*not a public address/)
  })

  it('tells the author how to opt in when remote images are off', async () => {
    const result = await buildMarkdown(`---\ntitle: Remote\n---\n\n![a dot](https://images.example/dot.png)\n`)
    expect(result.messages[0]!.reason).toMatch(/`--allow-remote` fetches public http\(s\) images/)
  })
})

describe('offprint build --allow-remote', () => {
  it('passes the opt-in through the batch to the fetch guard: a loopback image is refused, unrequested', async () => {
    const dir = project({ 'content/r.md': `---\ntitle: R\n---\n\n![a dot](http://127.0.0.1:${port}/dot.png)\n` })
    const result = await offprint(['build', '--allow-remote', '-q'], dir)
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/^content\/r\.md:5:1: warning: image "http:\/\/127\.0\.0\.1:\d+\/dot\.png" could not be fetched: .*not a public address/m)
    expect(hits).toEqual([])
  })
})
