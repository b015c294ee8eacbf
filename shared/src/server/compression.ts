import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Answers smaller than this go as they are: compressing them costs more than it saves. */
export const COMPRESS_MIN_BYTES = 1024;

type Encoding = 'br' | 'gzip';

/** The encoding to answer in, from `Accept-Encoding` (brotli preferred; `q=0` refuses one). */
export function negotiateEncoding(acceptEncoding: string | string[] | undefined): Encoding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  if (!header) return undefined;
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)).find(Boolean);
    accepted.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const weight = (name: Encoding) => accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0);
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return undefined;
}

/**
 * The answer body compressed for the client, or as it is when it is small or
 * the client accepts neither brotli nor gzip. Brotli at quality 4 (its default,
 * 11, costs tens of milliseconds on a 70 kB answer) or gzip at level 6, in
 * this thread: about a millisecond for 70 kB, and cheaper in CPU than a
 * hand-off to libuv's thread pool on a machine whose cores are all busy.
 */
export function compressBody(body: string, acceptEncoding: string | string[] | undefined): { body: string | Buffer; encoding?: Encoding } {
  const bytes = Buffer.byteLength(body);
  if (bytes < COMPRESS_MIN_BYTES) return { body };
  const encoding = negotiateEncoding(acceptEncoding);
  if (!encoding) return { body };
  const compressed =
    encoding === 'br'
      ? brotliCompressSync(body, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: bytes, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
        })
      : gzipSync(body);
  return { body: compressed, encoding };
}
