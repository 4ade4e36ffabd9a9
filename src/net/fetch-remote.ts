/**
 * The one place offprint touches the network, and only with `--allow-remote`: http(s) GET of a
 * remote image from a public host, with a deadline and a size limit. Every address a name
 * resolves to is vetted (no loopback, private, link-local, multicast or reserved ranges) and the
 * connection is pinned to the vetted address, so DNS rebinding cannot swap it; redirects are
 * vetted the same way.
 */
import { lookup as dnsLookup } from 'node:dns/promises'
import http from 'node:http'
import https from 'node:https'
import { BlockList, isIP, type LookupFunction } from 'node:net'

/** Limits of a remote fetch. */
export interface RemoteOptions {
  /** Whole-request deadline in milliseconds (connect, redirects and body). */
  timeoutMs: number
  /** Largest body accepted, in bytes. */
  maxBytes: number
  /** Redirects followed at most. */
  maxRedirects: number
  /** Whether a resolved address may be connected to; public unicast addresses only by default. */
  isAllowedAddress?: (address: string, family: 4 | 6) => boolean
  /** Name resolution (all addresses); the system resolver by default. */
  resolve?: (hostname: string) => Promise<{ address: string; family: number }[]>
}

/** Defaults for `--allow-remote`: 10 s, 20 MB, 3 redirects. */
export const REMOTE_DEFAULTS: RemoteOptions = { timeoutMs: 10_000, maxBytes: 20 * 1024 * 1024, maxRedirects: 3 }

/** A remote fetch that was refused or failed; `reason` says why and what to do. */
export class RemoteError extends Error {
  constructor(readonly url: string, reason: string) {
    super(reason)
    this.name = 'RemoteError'
  }
}

/**
 * Ranges that are not the public internet (RFC 6890 special-purpose registries, IANA). IPv4-mapped
 * IPv6 addresses (`::ffff:127.0.0.1`) are checked against the IPv4 ranges by `BlockList` itself.
 */
const blocked = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23],
  ['2001:db8::', 32], ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) blocked.addSubnet(network, prefix, 'ipv6')

/** Whether an address is public unicast (not loopback, private, link-local, multicast, reserved). */
export function isPublicAddress(address: string, family: 4 | 6): boolean {
  return !blocked.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/** Fetch `url` under `options`' limits; throws `RemoteError` with a reason a person can act on. */
export async function fetchRemote(url: string, options: RemoteOptions = REMOTE_DEFAULTS): Promise<Buffer> {
  const deadline = AbortSignal.timeout(options.timeoutMs)
  let current = url
  for (let hop = 0; hop <= options.maxRedirects; hop++) {
    const response = await request(current, options, deadline, url)
    if (response.kind === 'body') return response.body
    current = new URL(response.location, current).href
  }
  throw new RemoteError(url, `more than ${options.maxRedirects} redirects; link the final address instead`)
}

type Response = { kind: 'body'; body: Buffer } | { kind: 'redirect'; location: string }

async function request(target: string, options: RemoteOptions, deadline: AbortSignal, original: string): Promise<Response> {
  let url: URL
  try {
    url = new URL(target)
  } catch {
    throw new RemoteError(original, `not a valid URL: ${target}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RemoteError(original, `only http and https URLs are fetched, not ${url.protocol.replace(':', '')}; copy the file into the content folder`)
  if (url.username || url.password) throw new RemoteError(original, 'URLs with a user name or password are not fetched; remove the credentials')
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const addresses = await resolveAll(host, options, original)
  const allowed = options.isAllowedAddress ?? isPublicAddress
  const refused = addresses.find((entry) => !allowed(entry.address, entry.family))
  if (refused) throw new RemoteError(original, `${host} resolves to ${refused.address}, which is not a public address (loopback, private, link-local or reserved); only public hosts are fetched`)
  const pinned = addresses[0]!
  // Connect to the vetted address only: a second resolution could answer differently (rebinding).
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [pinned])
    else callback(null, pinned.address, pinned.family)
  }
  const client = url.protocol === 'https:' ? https : http
  return new Promise<Response>((resolve, reject) => {
    const fail = (reason: string) => reject(new RemoteError(original, reason))
    const req = client.get(url, { lookup, signal: deadline, headers: { 'user-agent': 'offprint', accept: 'image/*' } }, (res) => {
      const status = res.statusCode ?? 0
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume()
        resolve({ kind: 'redirect', location: res.headers.location })
        return
      }
      if (status !== 200) {
        res.resume()
        fail(`the server answered HTTP ${status} for ${url.href}; check the URL`)
        return
      }
      const length = Number(res.headers['content-length'])
      if (length > options.maxBytes) {
        res.destroy()
        fail(`${url.href} is ${length} bytes, more than the limit of ${options.maxBytes}; copy a smaller file into the content folder`)
        return
      }
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > options.maxBytes) {
          res.destroy()
          fail(`${url.href} is more than the limit of ${options.maxBytes} bytes; copy a smaller file into the content folder`)
          return
        }
        chunks.push(chunk)
      })
      res.on('end', () => resolve({ kind: 'body', body: Buffer.concat(chunks) }))
      res.on('error', (error) => fail(`reading ${url.href} failed: ${error.message}`))
    })
    req.on('error', (error) => {
      if (deadline.aborted) fail(`no complete answer from ${url.host} within ${options.timeoutMs} ms; check the URL or copy the file into the content folder`)
      else fail(`fetching ${url.href} failed: ${error.message}`)
    })
  })
}

async function resolveAll(host: string, options: RemoteOptions, original: string): Promise<{ address: string; family: 4 | 6 }[]> {
  const literal = isIP(host)
  if (literal) return [{ address: host, family: literal as 4 | 6 }]
  try {
    const found = await (options.resolve ?? ((name: string) => dnsLookup(name, { all: true, verbatim: true })))(host)
    if (found.length === 0) throw new Error('no addresses')
    return found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }))
  } catch (error) {
    throw new RemoteError(original, `cannot resolve ${host} (${(error as Error).message}); check the host name`)
  }
}
