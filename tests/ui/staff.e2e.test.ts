/**
 * The manager's staff screen in Chromium against a real daemon: a cashier
 * added with a PIN appears on the sign-in screen and signs in with it (and
 * sees no manager screens); once deactivated they are gone from the sign-in
 * screen and their PIN no longer opens the till.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/daemon.ts';
import { shot } from '../helpers/screenshots.ts';
import type { UiTill } from '../helpers/ui-till.ts';
import { signIn, startUiTill } from '../helpers/ui-till.ts';

let till: UiTill;
let page: Page;
const row = () => page.locator('.staff-table tr', { hasText: 'Carla' });

async function signOut() {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: /Alice/ }).waitFor();
}

beforeAll(async () => {
  till = await startUiTill({ code: 'P1', name: 'Staff till' });
  page = till.page;
}, 60_000);

afterAll(async () => {
  await till?.close();
});

describe('staff screen', () => {
  it('adds a cashier with a PIN', async () => {
    await page.goto(till.daemon.url);
    await signIn(page, 'Alice');
    await page.getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('button', { name: 'Add a staff member' }).click();
    const form = page.getByRole('dialog', { name: 'Add a staff member' });
    await form.locator('input[name=staff-name]').fill('Carla');
    await form.locator('input[name=staff-pin]').fill('4321');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Staff member saved.' }).waitFor();
    // exact cells: "Deactivate" and "deactivated" hold the word "active" too
    await row().getByRole('cell', { name: 'cashier', exact: true }).waitFor();
    await row().getByRole('cell', { name: 'active', exact: true }).waitFor();
    await shot(page, 'staff-added');
  });

  it('lets the new cashier sign in with that PIN, without the manager screens', async () => {
    await signOut();
    await page.getByRole('button', { name: /Carla/ }).click();
    await page.locator('input[name=pin]').fill('4321');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Carla (cashier)').waitFor();
    await page.getByRole('link', { name: 'Sale' }).waitFor();
    expect(await page.getByRole('link', { name: 'Staff' }).count()).toBe(0);
    await signOut();
  });

  it('deactivates them: gone from the sign-in screen, and their PIN opens nothing', async () => {
    await signIn(page, 'Alice');
    await page.getByRole('link', { name: 'Staff' }).click();
    await row().getByRole('button', { name: 'Deactivate' }).click();
    await row().getByRole('cell', { name: 'deactivated', exact: true }).waitFor();
    await row().getByRole('button', { name: 'Reactivate' }).waitFor();
    await shot(page, 'staff-deactivated');
    await signOut();
    await page.getByRole('button', { name: /Bob/ }).waitFor();
    expect(await page.getByRole('button', { name: /Carla/ }).count()).toBe(0);
    const alice = await new ApiClient(till.daemon.url).login('demo-alice', '1234');
    const members: Array<{ id: string; name: string; active: boolean }> = await alice.call(
      'GET',
      '/api/staff-members',
    );
    const carla = members.find((m) => m.name === 'Carla')!;
    expect(carla.active).toBe(false);
    const login = await new ApiClient(till.daemon.url).raw('POST', '/api/login', {
      staffId: carla.id,
      pin: '4321',
    });
    expect(login.status).toBe(401);
  });
});
