/** GS1 check digits (EAN-8, UPC-A, EAN-13, GTIN-14 share one rule). */

export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function withCheckDigit(body: string): string {
  return `${body}${gs1CheckDigit(body)}`;
}

const GS1_LENGTHS = new Set([8, 12, 13, 14]);

/** True when the code looks like a GS1 number (8, 12, 13 or 14 digits). */
export const isGs1Shaped = (code: string): boolean =>
  /^\d+$/.test(code) && GS1_LENGTHS.has(code.length);

export function hasValidCheckDigit(code: string): boolean {
  return isGs1Shaped(code) && gs1CheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}
