/** Image formats neither output embeds as they are, converted to ones they do. */
import { GifReader } from 'omggif'
import { PNG } from 'pngjs'

/** A GIF converted to PNG: the first frame, transparency kept. */
export interface ConvertedGif {
  png: Buffer
  width: number
  height: number
  /** Frames in the GIF (more than one: an animation, of which only the first is kept). */
  frames: number
}

/** Decode a GIF's first frame (omggif) and encode it as PNG (pngjs); a string says why it could not be read. */
export function gifToPng(data: Buffer): ConvertedGif | string {
  try {
    const reader = new GifReader(data)
    const { width, height } = reader
    const png = new PNG({ width, height })
    // The frame is drawn onto a transparent canvas of the GIF's full size (a frame may be smaller).
    reader.decodeAndBlitFrameRGBA(0, png.data)
    return { png: PNG.sync.write(png), width, height, frames: reader.numFrames() }
  } catch (error) {
    return (error as Error).message
  }
}
