// Base64 to bytes without `atob` or `Buffer`, which a BigQuery UDF does not have.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes of standard, padded base64 text. */
export function decodeBase64(text) {
  const values = new Uint8Array(128);
  for (let i = 0; i < ALPHABET.length; i += 1) values[ALPHABET.charCodeAt(i)] = i;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n = (values[text.charCodeAt(i)] << 18) | (values[text.charCodeAt(i + 1)] << 12)
      | (values[text.charCodeAt(i + 2)] << 6) | values[text.charCodeAt(i + 3)];
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}
