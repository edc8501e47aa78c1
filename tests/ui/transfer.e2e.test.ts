/** Sending a cart from one till's screen and taking it on another's, in Chromium, over the real mesh. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Daemon } from '../helpers/daemon.ts';
import { ApiClient, startDaemon, writeTillConfig } from '../helpers/daemon.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { freePort } from '../helpers/net.ts';
import { tempDir } from '../helpers/till.ts';
import { waitFor } from '../helpers/wait-for.ts';

const root = tempDir();
const daemons: Daemon[] = [];
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const pages: Page[] = [];

beforeAll(async () => {
  const ports = [await freePort(), await freePort()];
  for (const [i, code] of ['UA', 'UB'].entries()) {
    const config = writeTillConfig(join(root.path, code), {
      till: { code, name: `Till ${code}` },
      mesh: {
        listen: [`/ip4/127.0.0.1/tcp/${ports[i]}`],
        mdns: false,
        secretFile: join(root.path, 'mesh.secret'),
        peers: [`/ip4/127.0.0.1/tcp/${ports[1 - i]}`],
      },
    });
    daemons.push(await startDaemon(config));
  }
  const api = await new ApiClient(daemons[0]!.url).login('demo-bob', '0000');
  await waitFor(async () => (await api.call('GET', '/api/settings')).tills.length === 2, {
    what: 'both tills known',
  });
  browser = await launchBrowser();
  for (const daemon of daemons) {
    const page = await (await browser.context()).newPage();
    await page.goto(daemon.url);
    await page.getByRole('button', { name: /Bob/ }).click();
    await page.locator('input[name=pin]').fill('0000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Open the day' }).click();
    await page.getByText('Scan or pick a product').waitFor();
    pages.push(page);
  }
}, 90_000);

afterAll(async () => {
  await browser?.close();
  for (const d of daemons) await d.stop();
  root.remove();
});

describe('sending a cart between two till screens', () => {
  it('sends from A, previews and accepts on B with the related-transfer tag, and B takes payment', async () => {
    const [a, b] = pages as [Page, Page];
    for (const n of [0, 3, 3]) await a.locator('.grid button').nth(n).click();
    await a.locator('.lines td.qty').filter({ hasText: '2' }).waitFor();
    const total = await a.getByTestId('cart-total').innerText();
    await a.getByRole('button', { name: 'Send order' }).click();
    await a.getByRole('dialog', { name: 'Send order' }).getByRole('button', { name: 'UB' }).click();
    await a.getByRole('button', { name: 'Send to UB' }).click();
    await a.getByText('Scan or pick a product').waitFor();

    await b.getByText('Receive order (1)').waitFor({ timeout: 15_000 });
    await b.locator('.offered button').first().click();
    const preview = b.getByRole('dialog', { name: 'Transfer preview' });
    await preview.waitFor();
    expect(await preview.innerText()).toContain(total.replace('Total ', ''));
    await preview.getByRole('button', { name: 'Accept' }).click();
    await b.locator('.tag').filter({ hasText: 'Related transfer' }).waitFor();
    expect(await b.getByTestId('cart-total').innerText()).toBe(total);
    await b.getByRole('button', { name: 'Pay', exact: true }).click();
    await b.getByRole('button', { name: 'Card' }).click();
    const receipt = b.locator('.receipt');
    await receipt.waitFor();
    expect(await receipt.innerText()).toMatch(/Paid UB-\d{8}-0001.*related transfer/);

    await a.getByRole('link', { name: 'Status' }).click();
    await a.locator('.queue td').getByText('done', { exact: true }).waitFor({ timeout: 15_000 });
    expect(await a.locator('.queue').innerText()).toContain(
      'sent UA → claimed UB → confirmed UB → done UB',
    );
  });
});
