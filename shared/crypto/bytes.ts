import { base64 } from '@scure/base';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { Bytes } from './subtle-port';

/** Copies into a fresh ArrayBuffer-backed array, the shape WebCrypto's BufferSource accepts. */
export const toBytes = (data: Uint8Array | ArrayBuffer): Bytes => {
  const view = data instanceof Uint8Array ? data : new Uint8Array(data);
  const copy = new Uint8Array(new ArrayBuffer(view.byteLength));
  copy.set(view);
  return copy;
};

/** UTF-8 bytes of a string without TextEncoder in the type environment (lib ES2023 only). */
export const utf8Bytes = (text: string): Bytes => toBytes(utf8ToBytes(text));

/** Standard padded base64, the encoding of keys and signatures in files and HTTP bodies. */
export const toBase64 = (data: Uint8Array | ArrayBuffer): string => base64.encode(toBytes(data));

/** Decodes standard base64, or undefined when the text is not valid base64. */
export const fromBase64 = (text: string): Bytes | undefined => {
  try {
    return toBytes(base64.decode(text));
  } catch {
    return undefined;
  }
};
