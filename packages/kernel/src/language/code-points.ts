/**
 * Jupyter counts cursor positions in Unicode code points; JavaScript strings index UTF-16 code units.
 */
export function codePointToUtf16(text: string, codePoints: number): number {
  let units = 0;
  for (let cp = 0; cp < codePoints && units < text.length; cp++) {
    const code = text.codePointAt(units) ?? 0;
    units += code > 0xffff ? 2 : 1;
  }
  return units;
}

export function utf16ToCodePoint(text: string, units: number): number {
  return Array.from(text.slice(0, units)).length;
}
