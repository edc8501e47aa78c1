import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkScaleLayout, classifyScan, type ScaleLayout } from '../../crdt/scan.ts';

// Reference computations written from the GS1 General Specifications, independent of crdt/.

/** GS1 check digit: weights 3,1,3,… from the digit next to the check digit, leftwards. */
function refCheck(body: string): number {
  const digits = [...body].reverse().map(Number);
  const sum = digits.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10;
}
const refComplete = (body: string): string => body + String(refCheck(body));
const refValid = (code: string): boolean => refCheck(code.slice(0, -1)) === Number(code.at(-1));

/** UPC-E "N abcdef C" to UPC-A, table by f (GS1 General Specifications, UPC-E). */
function refExpandUpcE(upcE: string): string {
  const [n, a, b, c, d, e, f, check] = upcE.split('');
  switch (f) {
    case '0':
    case '1':
    case '2':
      return [n, a, b, f, '0', '0', '0', '0', c, d, e, check].join('');
    case '3':
      return [n, a, b, c, '0', '0', '0', '0', '0', d, e, check].join('');
    case '4':
      return [n, a, b, c, d, '0', '0', '0', '0', '0', e, check].join('');
    default:
      return [n, a, b, c, d, e, '0', '0', '0', '0', f, check].join('');
  }
}

const PRICE: ScaleLayout = { prefix: '21', kind: 'price', itemDigits: 5, valueDigits: 5 };
const WEIGHT: ScaleLayout = { prefix: '28', kind: 'weight', itemDigits: 4, valueDigits: 6 };
const LAYOUTS = [PRICE, WEIGHT];

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

describe('reference examples', () => {
  it('agree with published check digits', () => {
    expect(refCheck('400638133393')).toBe(1); // EAN-13 4006381333931
    expect(refCheck('03600029145')).toBe(2); // UPC-A 036000291452
    expect(refCheck('003600029145')).toBe(2); // the same as EAN-13
    expect(refCheck('9638507')).toBe(4); // EAN-8 96385074
    expect(refExpandUpcE('04252614')).toBe('042100005264');
    expect(refValid('042100005264')).toBe(true);
  });
});

describe('classifyScan: GS1 product codes', () => {
  it('reads an EAN-13', () => {
    expect(classifyScan('4006381333931', LAYOUTS)).toEqual({
      kind: 'product',
      code: '4006381333931',
      lookup: ['4006381333931'],
    });
  });

  it('names the code and the expected digit when the check digit is wrong', () => {
    expect(classifyScan('4006381333932', LAYOUTS)).toEqual({
      kind: 'invalid',
      code: '4006381333932',
      reason: 'check digit of 4006381333932 is wrong (expected 1): scan again',
    });
    expect(classifyScan('036000291453', [])).toMatchObject({
      kind: 'invalid',
      reason: 'check digit of 036000291453 is wrong (expected 2): scan again',
    });
    expect(classifyScan('96385075', [])).toMatchObject({
      kind: 'invalid',
      reason: 'check digit of 96385075 is wrong (expected 4): scan again',
    });
    expect(classifyScan('00036000291453', [])).toMatchObject({ kind: 'invalid' });
  });

  it('looks a UPC-A up as itself, then as its EAN-13, and the other way round', () => {
    expect(classifyScan('036000291452', [])).toMatchObject({
      kind: 'product',
      lookup: ['036000291452', '0036000291452'],
    });
    expect(classifyScan('0036000291452', [])).toMatchObject({
      kind: 'product',
      lookup: ['0036000291452', '036000291452'],
    });
  });

  it('looks a GTIN-14 with indicator 0 up as the EAN-13 (and the UPC-A inside it)', () => {
    const gtin14 = refComplete('1400638133393'); // indicator 1: a case, not a unit
    expect(classifyScan(gtin14, [])).toMatchObject({ kind: 'product', lookup: [gtin14] });
    expect(classifyScan('04006381333931', [])).toMatchObject({
      kind: 'product',
      lookup: ['04006381333931', '4006381333931'],
    });
    expect(classifyScan('00036000291452', [])).toMatchObject({
      kind: 'product',
      lookup: ['00036000291452', '0036000291452', '036000291452'],
    });
  });

  it('reads an EAN-8 as itself only', () => {
    expect(classifyScan('96385074', [])).toEqual({
      kind: 'product',
      code: '96385074',
      lookup: ['96385074'],
    });
  });

  it('checks a UPC-E on its UPC-A expansion and looks up all three forms', () => {
    // As EAN-8 the check digit would be 0, so this is only valid as UPC-E.
    expect(refCheck('0425261')).toBe(0);
    expect(classifyScan('04252614', [])).toEqual({
      kind: 'product',
      code: '04252614',
      lookup: ['04252614', '042100005264', '0042100005264'],
    });
  });

  it('expands UPC-E by each rule of the 6th digit', () => {
    for (const body of ['0123450', '0123453', '0123454', '0123455', '1987659']) {
      const upcA = refExpandUpcE(`${body}0`).slice(0, 11);
      const upcE = body + String(refCheck(upcA));
      const expanded = refExpandUpcE(upcE);
      expect(refValid(expanded)).toBe(true);
      expect(classifyScan(upcE, [])).toMatchObject({
        kind: 'product',
        lookup: expect.arrayContaining([expanded, `0${expanded}`]),
      });
    }
  });

  it('looks up a code valid as both EAN-8 and UPC-E both ways', () => {
    // 01234565: EAN-8 check of 0123456 is 5, and UPC-E → 012345000065 whose check is 5.
    expect(refCheck('0123456')).toBe(5);
    expect(refExpandUpcE('01234565')).toBe('012345000065');
    expect(refValid('012345000065')).toBe(true);
    expect(classifyScan('01234565', [])).toEqual({
      kind: 'product',
      code: '01234565',
      lookup: ['01234565', '012345000065', '0012345000065'],
    });
  });

  it('rejects an 8-digit code valid neither way, naming both expected digits', () => {
    expect(classifyScan('04252615', [])).toEqual({
      kind: 'invalid',
      code: '04252615',
      reason: 'check digit of 04252615 is wrong (expected 0 as EAN-8 or 4 as UPC-E): scan again',
    });
  });
});

describe('classifyScan: what the scanner sends around the code', () => {
  it('trims CR/LF, spaces and control characters', () => {
    for (const raw of ['4006381333931\r\n', '  4006381333931\t', '\u00024006381333931\u0003']) {
      expect(classifyScan(raw, [])).toMatchObject({ kind: 'product', code: '4006381333931' });
    }
  });

  it('strips an AIM symbology identifier', () => {
    expect(classifyScan(']E04006381333931\r\n', [])).toMatchObject({
      kind: 'product',
      code: '4006381333931',
    });
    expect(classifyScan(']E496385074', [])).toMatchObject({ kind: 'product', code: '96385074' });
    expect(classifyScan(']C1SKU-42', [])).toMatchObject({ kind: 'product', lookup: ['SKU-42'] });
    expect(classifyScan(']Q1T1-20261201-0042\n', [])).toEqual({
      kind: 'order',
      number: 'T1-20261201-0042',
    });
  });

  it('reports an empty scan', () => {
    expect(classifyScan(' \r\n', [])).toMatchObject({ kind: 'invalid', code: '' });
    expect(classifyScan(']E0', [])).toMatchObject({ kind: 'invalid', code: '' });
  });
});

describe('classifyScan: order numbers', () => {
  it('reads a bare order number', () => {
    expect(classifyScan('T1-20261201-0042', [])).toEqual({
      kind: 'order',
      number: 'T1-20261201-0042',
    });
  });

  it('reads the receipt QR form and returns the number', () => {
    expect(classifyScan('posmesh:T1-20261201-0042:c2lnbmF0dXJl', [])).toEqual({
      kind: 'order',
      number: 'T1-20261201-0042',
    });
    expect(classifyScan('posmesh:T1-20261201-0042', [])).toEqual({
      kind: 'order',
      number: 'T1-20261201-0042',
    });
    expect(classifyScan('posmesh:T1-20261201-0042:a:b\r\n', [])).toMatchObject({ kind: 'order' });
  });

  it('rejects a receipt code without a valid number', () => {
    expect(classifyScan('posmesh:nonsense:sig', [])).toMatchObject({ kind: 'invalid' });
  });
});

describe('classifyScan: scale labels', () => {
  it('reads a price label: item, price in minor units, two lookup keys', () => {
    const code = refComplete('211234501234');
    expect(classifyScan(code, LAYOUTS)).toEqual({
      kind: 'scale',
      code,
      layout: PRICE,
      lookup: ['2112345', refComplete('211234500000')],
      value: 1234,
    });
  });

  it('reads a weight label in grams', () => {
    const code = refComplete('280042001250');
    expect(classifyScan(code, LAYOUTS)).toEqual({
      kind: 'scale',
      code,
      layout: WEIGHT,
      lookup: ['280042', refComplete('280042000000')],
      value: 1250,
    });
  });

  it('rejects a label with a wrong check digit', () => {
    const code = refComplete('211234501234');
    const wrong = code.slice(0, 12) + String((Number(code.at(-1)) + 1) % 10);
    expect(classifyScan(wrong, LAYOUTS)).toMatchObject({ kind: 'invalid', code: wrong });
  });

  it('treats a scale prefix without a layout, or with a broken one, as a product', () => {
    const code = refComplete('231234501234');
    expect(classifyScan(code, LAYOUTS)).toEqual({ kind: 'product', code, lookup: [code] });
    const broken = { ...PRICE, valueDigits: 6 };
    const price = refComplete('211234501234');
    expect(classifyScan(price, [broken])).toMatchObject({ kind: 'product', lookup: [price] });
    expect(classifyScan(price, [broken, PRICE])).toMatchObject({ kind: 'scale', value: 1234 });
  });
});

describe('classifyScan: in-store codes and junk', () => {
  it('looks alphanumeric SKUs and other digit counts up as they are', () => {
    for (const code of ['SKU-ABC-123', 'abc', '12345', '1234567890', 'A'.repeat(32)]) {
      expect(classifyScan(code, LAYOUTS)).toEqual({ kind: 'product', code, lookup: [code] });
    }
  });

  it('rejects codes too long or with other characters', () => {
    for (const code of ['A'.repeat(33), 'CAFÉ-1', 'ABC 123', 'a_b', '€12', '商品']) {
      expect(classifyScan(code, LAYOUTS)).toEqual({
        kind: 'invalid',
        code,
        reason: 'not a barcode this till reads',
      });
    }
  });
});

describe('checkScaleLayout', () => {
  it('accepts the layouts above', () => {
    expect(checkScaleLayout(PRICE)).toBeNull();
    expect(checkScaleLayout(WEIGHT)).toBeNull();
    expect(checkScaleLayout({ prefix: '29', kind: 'weight', itemDigits: 9, valueDigits: 1 })).toBe(
      null,
    );
  });

  it('says what is wrong', () => {
    const bad: unknown[] = [
      { ...PRICE, prefix: '19' },
      { ...PRICE, prefix: '2' },
      { ...PRICE, prefix: 21 },
      { ...PRICE, kind: 'volume' },
      { ...PRICE, itemDigits: 0, valueDigits: 10 },
      { ...PRICE, itemDigits: 5.5, valueDigits: 4.5 },
      { ...PRICE, valueDigits: 6 },
      null,
    ];
    for (const layout of bad) {
      expect(checkScaleLayout(layout as ScaleLayout)).toMatch(/\w/);
    }
    expect(checkScaleLayout({ ...PRICE, valueDigits: 6 })).toContain('11');
  });
});

describe('classifyScan: properties', () => {
  it('never rejects a GS1 code with the right check digit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(7, 11, 12, 13).chain((n) => digits(n)),
        (body) => {
          expect(classifyScan(refComplete(body), LAYOUTS).kind).not.toBe('invalid');
        },
      ),
    );
  });

  it('never rejects 12 random digits with the right check digit (EAN-13)', () => {
    fc.assert(
      fc.property(digits(12), fc.boolean(), (body, withLayouts) => {
        const result = classifyScan(refComplete(body), withLayouts ? LAYOUTS : []);
        expect(['product', 'scale']).toContain(result.kind);
      }),
    );
  });

  it('catches every single-digit error in an EAN-13', () => {
    fc.assert(
      fc.property(
        digits(12),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (body, at, delta) => {
          const code = refComplete(body);
          const changed = String((Number(code[at]) + delta) % 10);
          const wrong = code.slice(0, at) + changed + code.slice(at + 1);
          expect(classifyScan(wrong, LAYOUTS).kind).toBe('invalid');
        },
      ),
    );
  });

  it('expands every valid UPC-E to a valid UPC-A', () => {
    fc.assert(
      fc.property(fc.constantFrom('0', '1'), digits(6), (system, middle) => {
        const upcA = refExpandUpcE(`${system}${middle}0`).slice(0, 11);
        const upcE = `${system}${middle}${refCheck(upcA)}`;
        const result = classifyScan(upcE, []);
        expect(result.kind).toBe('product');
        if (result.kind !== 'product') return;
        const expanded = result.lookup[1]!;
        expect(expanded).toBe(refExpandUpcE(upcE));
        expect(refValid(expanded)).toBe(true);
        expect(classifyScan(expanded, [])).toMatchObject({ kind: 'product' });
        expect(result.lookup).toEqual([upcE, expanded, `0${expanded}`]);
      }),
    );
  });

  it('never throws, starts lookups with the code and repeats no key', () => {
    const anyDigits = fc.integer({ min: 1, max: 16 }).chain((n) => digits(n));
    // Characters scanners and keyboard wedges really send, plus any Unicode grapheme.
    const unit = fc.oneof(
      fc.constantFrom(...'0123456789-:]AEQCposmesh\r\n\t \u0000\u00a0É€'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    );
    const scans = fc.oneof(fc.string({ unit, maxLength: 40 }), anyDigits);
    fc.assert(
      fc.property(scans, (raw) => {
        const result = classifyScan(raw, LAYOUTS);
        if (result.kind === 'product') {
          expect(result.lookup[0]).toBe(result.code);
          expect(new Set(result.lookup).size).toBe(result.lookup.length);
        }
      }),
    );
  });
});
