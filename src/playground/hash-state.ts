/**
 * The page's state in its address: the scenario text, compressed with the platform's own
 * CompressionStream (`deflate-raw`, no library) and written in base64url after `#s1=`. A reload
 * or a shared link restores it. Reading is bounded: a crafted link cannot make the page inflate
 * more than MAX_STATE_BYTES.
 */

/** The prefix of the state in the address (`s1`: the first format). */
export const STATE_PREFIX = '#s1=';

/** The most a state may inflate to (the scenario reader refuses more than 1,000,000 characters anyway). */
export const MAX_STATE_BYTES = 4 * 1024 * 1024;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** Reads a whole stream, or undefined when it holds more than `limit` bytes or fails. */
async function readAll(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        await reader.cancel();
        return undefined;
      }
      chunks.push(value);
    }
  } catch {
    return undefined;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// The casts: the DOM and Node typings disagree on a compression stream's chunk type (BufferSource
// or Uint8Array); both take and give Uint8Array here.
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** The address fragment (with `#`) that holds `text`. */
export async function encodeState(text: string): Promise<string> {
  const compressed = await readAll(streamOf(new TextEncoder().encode(text)).pipeThrough(new CompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>), Number.MAX_SAFE_INTEGER);
  return STATE_PREFIX + toBase64Url(compressed!);
}

/** The text a fragment holds, or undefined when it holds none (another fragment, damaged, too large). */
export async function decodeState(hash: string): Promise<string | undefined> {
  if (!hash.startsWith(STATE_PREFIX)) return undefined;
  const bytes = fromBase64Url(hash.slice(STATE_PREFIX.length));
  if (!bytes) return undefined;
  const inflated = await readAll(streamOf(bytes).pipeThrough(new DecompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>), MAX_STATE_BYTES);
  if (!inflated) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return undefined;
  }
}
