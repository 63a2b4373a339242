/**
 * Returns the byte offset of the first byte that does not start or continue a valid UTF-8 sequence,
 * or undefined when the whole buffer is valid. Overlong forms, surrogates (U+D800–U+DFFF) and code
 * points above U+10FFFF are invalid, as RFC 3629 requires.
 */
export function firstInvalidUtf8Offset(bytes: Buffer): number | undefined {
  let offset = 0;
  while (offset < bytes.length) {
    const lead = bytes[offset]!;
    if (lead < 0x80) {
      offset += 1;
      continue;
    }
    const length = sequenceLength(lead);
    if (length === 0 || offset + length > bytes.length) return offset;
    const second = bytes[offset + 1]!;
    if (!secondByteAllowed(lead, second)) return offset;
    for (let index = 2; index < length; index += 1) {
      if (!isContinuation(bytes[offset + index]!)) return offset;
    }
    offset += length;
  }
  return undefined;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function isContinuation(byte: number): boolean {
  return byte >= 0x80 && byte <= 0xbf;
}

/** Narrows the second byte after the leads that would otherwise allow overlong forms or surrogates. */
function secondByteAllowed(lead: number, second: number): boolean {
  if (lead === 0xe0) return second >= 0xa0 && second <= 0xbf;
  if (lead === 0xed) return second >= 0x80 && second <= 0x9f;
  if (lead === 0xf0) return second >= 0x90 && second <= 0xbf;
  if (lead === 0xf4) return second >= 0x80 && second <= 0x8f;
  return isContinuation(second);
}
