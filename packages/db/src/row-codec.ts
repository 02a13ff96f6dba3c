// DatasetRow.values: a gene's row as little-endian float32, NaN = missing. 4 bytes per
// condition, so the values of conditions [a, b) are bytes [4a, 4b) of the row.

export const BYTES_PER_VALUE = 4;

/** Encodes a row as little-endian float32 (values are rounded to float32; NaN stays NaN = missing). */
export function encodeRow(values: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(values.length * BYTES_PER_VALUE);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    view.setFloat32(i * BYTES_PER_VALUE, values[i] as number, true);
  }
  return bytes;
}

/** Decodes a whole row. Throws when the length is not a multiple of 4. */
export function decodeRow(bytes: Uint8Array): Float32Array<ArrayBuffer> {
  checkLength(bytes);
  return readFloats(bytes, 0, bytes.byteLength / BYTES_PER_VALUE);
}

/** Number of values (conditions) in an encoded row. */
export function rowLength(bytes: Uint8Array): number {
  checkLength(bytes);
  return bytes.byteLength / BYTES_PER_VALUE;
}

/**
 * Decodes conditions [colStart, colEnd) of an encoded row without decoding the rest.
 * Throws a RangeError when the range is not within the row.
 */
export function sliceRow(bytes: Uint8Array, colStart: number, colEnd: number): Float32Array<ArrayBuffer> {
  const length = rowLength(bytes);
  if (!Number.isInteger(colStart) || !Number.isInteger(colEnd) || colStart < 0 || colEnd > length || colStart > colEnd) {
    throw new RangeError(`sliceRow: columns [${colStart}, ${colEnd}) are not within a row of ${length} values`);
  }
  return readFloats(bytes, colStart, colEnd - colStart);
}

function checkLength(bytes: Uint8Array): void {
  if (bytes.byteLength % BYTES_PER_VALUE !== 0) {
    throw new RangeError(`encoded row has ${bytes.byteLength} bytes, not a multiple of ${BYTES_PER_VALUE}`);
  }
}

function readFloats(bytes: Uint8Array, first: number, count: number): Float32Array<ArrayBuffer> {
  const out = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset + first * BYTES_PER_VALUE, count * BYTES_PER_VALUE);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * BYTES_PER_VALUE, true);
  return out;
}
