/** `--allow-remote`: fetch the document's http(s) images before parsing, through the guarded fetch. */
import { imageReferences, type RemoteImages } from '../parse/assets.js'
import { parseMarkdown } from '../parse/markdown.js'
import { fetchRemote, REMOTE_DEFAULTS, type RemoteOptions } from './fetch-remote.js'

/**
 * Fetch every http(s) image the Markdown references, one at a time (a document has few); each URL
 * maps to its bytes or to the reason it was refused, which parse turns into a warning at its line.
 */
export async function fetchRemoteImages(markdown: string, options: RemoteOptions = REMOTE_DEFAULTS): Promise<RemoteImages> {
  const fetched = new Map<string, Buffer | Error>()
  for (const { url } of imageReferences(parseMarkdown(markdown))) {
    if (!/^https?:/i.test(url)) continue
    try {
      fetched.set(url, await fetchRemote(url, options))
    } catch (error) {
      fetched.set(url, error instanceof Error ? error : new Error(String(error)))
    }
  }
  return fetched
}
