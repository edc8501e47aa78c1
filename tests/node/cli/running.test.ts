// The CLI against a running till: status, CSV import, reports, and clear port errors.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../../helpers/daemon.ts';
import { ApiClient, ROOT, startDaemon, writeTillConfig } from '../../helpers/daemon.ts';
import { posmesh, STACK_LINE } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/till.ts';
import { withCheckDigit } from '../../../crdt/ean.ts';

describe('posmesh against a running till', () => {
  const dir = tempDir();
  let daemon: Daemon;
  let config: string;
  beforeAll(async () => {
    config = writeTillConfig(dir.path, {
      till: { code: 'C1', name: 'CLI till' },
      devices: { printer: { transport: 'simulated' } },
    });
    daemon = await startDaemon(config);
  });
  afterAll(async () => {
    await daemon?.stop();
    dir.remove();
  });

  it('finds the till through POSMESH_CONFIG', async () => {
    const { stdout, code } = await posmesh(['status', '--json'], ROOT, { POSMESH_CONFIG: config });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).till.code).toBe('C1');
  });

  it('shows status', async () => {
    const { stdout, code } = await posmesh(['status', '--config', config], dir.path);
    expect(code).toBe(0);
    expect(stdout).toMatch(/till C1 "CLI till"/);
    expect(stdout).toMatch(/catalogue: 240 products/);
    expect(stdout).toMatch(/business day: closed/);
    expect(stdout).toMatch(
      /\n {2}printer {10}ready {6}simulated .*printer \(0 waiting, 0 held\)\n/,
    );
    expect(stdout).toMatch(/\n {2}display page {5}ready {6}browser \/display\n/);
  });

  it('imports a CSV with progress, reporting refused rows by line and column', async () => {
    const rows = ['barcode,name,price,tax,category'];
    for (let i = 1; i <= 1200; i++)
      rows.push(
        `${withCheckDigit(`21${String(i).padStart(10, '0')}`)},Import item ${i},${i % 50}.99,VAT 20%,Imported`,
      );
    rows.push('2100000000000,Bad check,1.00,VAT 20%,Imported');
    rows.push(',Bad price,one euro,VAT 20%,Imported');
    const csv = join(dir.path, 'products.csv');
    writeFileSync(csv, rows.join('\n'));
    const result = await posmesh(['catalogue', 'import', csv, '--config', config], dir.path);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/importing .*products\.csv: 500\/1202 \(41%\)/);
    expect(result.stderr).toMatch(/1202\/1202 \(100%\)/);
    expect(result.stdout).toMatch(
      /products\.csv:1202 \(barcode\): 2100000000000 has a wrong check digit/,
    );
    expect(result.stdout).toMatch(/products\.csv:1203 \(price\): "one euro" is not an amount/);
    expect(result.stdout).toMatch(/1200 created, 0 updated, 1 new categories, 2 rows refused/);
    const bob = await new ApiClient(daemon.url).login('demo-bob', '0000');
    const found = await bob.call('GET', `/api/catalogue/barcode/${withCheckDigit('210000000777')}`);
    expect(found).toMatchObject({ name: 'Import item 777', price: 2799 });
  });

  it('prints X and Z reports', async () => {
    const bob = await new ApiClient(daemon.url).login('demo-bob', '0000');
    await bob.call('POST', '/api/day/open', { float: 5000 });
    const cart = await bob.call('POST', '/api/carts');
    await bob.call('POST', `/api/carts/${cart.id}/lines`, { barcode: '2000000000015' });
    const paid = await bob.call('POST', `/api/carts/${cart.id}/pay`, {
      payments: [{ method: 'card', amount: 129 }],
    });
    expect(paid.totals.total).toBe(129);
    const x = await posmesh(['report', 'x', '--config', config], dir.path);
    expect(x.stdout).toMatch(/^X report {2}till C1/);
    expect(x.stdout).toMatch(/Sales \(1\)\s+€1\.29/);
    expect(x.stdout).toMatch(/card\s+€1\.29/);
    const alice = await new ApiClient(daemon.url).login('demo-alice', '1234');
    const { report } = await alice.call('POST', '/api/day/close', {
      counted: { cash: 5000, card: 129 },
    });
    const z = await posmesh(
      ['report', 'z', '--date', report.businessDate, '--config', config],
      dir.path,
    );
    expect(z.stdout).toMatch(/^Z report/);
    expect(z.stdout).toMatch(/cash\s+€50\.00 \(\+€0\.00\)/);
    const none = await posmesh(['report', 'z', '--date', '19990101', '--config', config], dir.path);
    expect(none.stderr).toMatch(/no closed business day 19990101 on C1/);
  });

  it('says clearly when a second till wants a port in use, or a till is not running', async () => {
    const port = Number(new URL(daemon.url).port);
    const other = tempDir();
    try {
      const file = writeTillConfig(other.path, { http: { port } });
      const second = await posmesh(['till', '--config', file], other.path);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`${file}: http.port: 127.0.0.1:${port} is already in use`);
      expect(second.stderr).not.toMatch(STACK_LINE);
      const status = await posmesh(['status', '--config', file], other.path);
      expect(status.stderr).toMatch(
        /the till answering at http:\/\/127\.0\.0\.1:\d+\/ is C1, not T1: is T1 running\?/,
      );
    } finally {
      other.remove();
    }
  });
});
