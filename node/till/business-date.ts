/** The business date of a moment, in the till's local time zone, as yyyymmdd. */
export function localBusinessDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}
