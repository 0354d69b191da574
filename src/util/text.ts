// Words and sizes as every door prints them.

/**
 * A count with its noun.
 * @param n the count
 * @param one the noun for one
 * @param many the noun for several (default: `one` + "s")
 * @returns "1 face", "3 faces"
 * @example
 * plural(2, 'further page', 'further pages'); // '2 further pages'
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A byte count as people read it.
 * @param n bytes
 * @returns "812 bytes", "163 KB" (whole KB), "4.2 MB" (one decimal)
 * @example
 * byteSize(300 * 1024 * 1024); // '300.0 MB'
 */
export function byteSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
