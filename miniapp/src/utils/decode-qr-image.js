// Decodes a QR code from a picture in the browser (H5 only, because it needs
// the DOM Image and canvas). jsQR is bundled by Vite, so nothing loads from outside at run time.
import jsQR from 'jsqr'

// Larger pictures are scaled down before decoding, so a phone photo does not
// allocate a huge ImageData. NOTE: the limit is a guess, not a measured value.
const MAX_SIDE_PIXELS = 2000

function loadImage(src) {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new Error(`failed to load image ${src}`))
    image.src = src
  })
}

/**
 * Draws the picture at `src` (a URL such as the blob URL from uni.chooseImage)
 * on a canvas and decodes it with jsQR. Returns the QR text, or null when the
 * picture cannot be loaded or contains no readable QR code.
 */
export async function decodeQrImage(src) {
  let image
  try {
    image = await loadImage(src)
  } catch (error) {
    return null
  }

  const scale = Math.min(1, MAX_SIDE_PIXELS / Math.max(image.naturalWidth, image.naturalHeight))
  const width = Math.max(1, Math.round(image.naturalWidth * scale))
  const height = Math.max(1, Math.round(image.naturalHeight * scale))
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) return null

  context.drawImage(image, 0, 0, width, height)
  const imageData = context.getImageData(0, 0, width, height)
  const code = jsQR(imageData.data, width, height, { inversionAttempts: 'attemptBoth' })
  return code && code.data ? code.data : null
}
