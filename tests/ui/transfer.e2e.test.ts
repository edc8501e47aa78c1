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
import { shot } from '../helpers/screenshots.ts';

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

/**
 * Selectors are roles and visible words only, so the test survives the sale
 * screen mounting the transfer components: "Send order"; in the dialog named
 * "Send order" a till button whose name starts with its code, then "Send to
 * <code>"; the green toast "Cart sent to <code>"; "Receive order (n)"; an offer
 * button starting "From <code>"; a dialog named "…cart from <code>" with
 * "Accept"; "Related transfer TR-…"; "Pay", "Card", "Validate"; on the status
 * page the transfer's summary (its short reference) and its timeline table.
 */
describe('sending a cart between two till screens', () => {
  it("sends from A, accepts and pays on B, and A's status page shows every step", async () => {
    const [a, b] = pages as [Page, Page];
    for (const n of [0, 3, 3]) await a.locator('button.product').nth(n).click();
    await a.locator('li.line .qty', { hasText: '2' }).waitFor();
    const total = (await a.getByTestId('cart-total').innerText()).trim();
    await a.getByRole('button', { name: 'Send order' }).click();
    const send = a.getByRole('dialog', { name: 'Send order' });
    await send.getByRole('button', { name: /^UB\b/ }).click();
    await shot(a, 'transfer-send-dialog');
    await send.getByRole('button', { name: 'Send to UB' }).click();
    const sent = await a.getByRole('status').filter({ hasText: 'Cart sent to UB' }).innerText();
    const ref = /TR-[0-9A-Z]{6}/.exec(sent)?.[0];
    expect(ref).toBeDefined();
    // the sender's cart is cleared at once
    await a.locator('li.line').first().waitFor({ state: 'detached' });

    await b.getByText('Receive order (1)').waitFor({ timeout: 15_000 });
    await b.getByRole('button', { name: /^From UA/ }).click();
    const preview = b.getByRole('dialog', { name: /cart from UA/i });
    await preview.waitFor();
    expect(await preview.innerText()).toContain(total.replace(/^Total\s*/, ''));
    await shot(b, 'transfer-preview');
    await preview.getByRole('button', { name: 'Accept' }).click();
    await b.getByText(`Related transfer ${ref}`).waitFor();
    expect((await b.getByTestId('cart-total').innerText()).trim()).toBe(total);
    await b.getByRole('button', { name: 'Pay', exact: true }).click();
    await b.getByRole('button', { name: 'Card', exact: true }).click();
    await b.getByRole('button', { name: 'Validate' }).click();
    const receipt = b.locator('article.receipt');
    await receipt.waitFor();
    const number = /UB-\d{8}-\d{4}/.exec(await receipt.innerText())?.[0];
    expect(number).toBeDefined();
    await shot(b, 'transfer-paid-on-b');

    await a.getByRole('link', { name: 'Status' }).click();
    const queue = a.getByRole('region', { name: 'Transfer queue' });
    await queue.getByRole('button', { name: /^done \(1\)/ }).click({ timeout: 15_000 });
    await queue.getByText(ref!).click();
    const timeline = queue.getByRole('table', { name: 'Timeline' });
    await timeline.getByRole('row', { name: /done/ }).waitFor({ timeout: 15_000 });
    const rows = await timeline.getByRole('row').allInnerTexts();
    const step = (name: string) => rows.find((r) => r.split('\t')[1]?.trim() === name) ?? '';
    // every step: its till, who did it, a time, and the order it made
    expect(step('sent')).toMatch(/\d{1,2}:\d{2}.*\tUA\tBob/);
    expect(step('claimed')).toMatch(/\tUB\tBob/);
    expect(step('confirmed')).toMatch(/\tUB\tby the sender UA/);
    expect(step('done')).toMatch(new RegExp(`\\tUB\\tBob\\t${number}`));
    // B's day as A holds it: the cart B was sent, paid there
    await a.locator('table.tills tr', { hasText: 'UB' }).getByText(`1 sales, ${total}`).waitFor();
    await shot(a, 'transfer-status-timeline');
  });
});
