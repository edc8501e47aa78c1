/** A till's screen language, set by a manager in the mesh settings (PUT /api/tills/:code/language). */
import { afterEach, describe, expect, it } from 'vitest';
import { cashier, manager, openTestTill } from '../../helpers/till.ts';
import type { TestTill } from '../../helpers/till.ts';

const tills: TestTill[] = [];
afterEach(() => tills.splice(0).forEach((t) => t.cleanup()));

describe('till language', () => {
  it('is set by a manager, recorded with who, and kept across a restart', async () => {
    const t = await openTestTill();
    tills.push(t);
    const own = () => t.till.settings().tills.find((x) => x.code === 'T1');
    expect(own()?.language).toBeUndefined();
    t.till.setTillLanguage(manager, 'T1', 'fr');
    expect(own()).toMatchObject({ language: 'fr', updatedBy: { name: 'Alice' } });
    expect(own()?.roles).toBeDefined();
    await t.reopen();
    expect(own()?.language).toBe('fr');
  });

  it('refuses a cashier and a till the mesh does not know', async () => {
    const t = await openTestTill();
    tills.push(t);
    expect(() => t.till.setTillLanguage(cashier, 'T1', 'fr')).toThrow(/manager/);
    expect(() => t.till.setTillLanguage(manager, 'ZZ', 'fr')).toThrow(/no till ZZ/);
    expect(t.till.settings().tills.find((x) => x.code === 'T1')?.language).toBeUndefined();
  });
});
