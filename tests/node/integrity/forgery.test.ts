/**
 * A hostile device on the shop LAN with the mesh secret and a key of its own
 * (registered as a till, the strongest case), over real libp2p against two live
 * tills. It forges transfer events in the sender's name, a second `sent`, an
 * order under another till's code and an edited copy of a signed one; then it
 * overwrites a paid order and deletes a whole transfer log. Every till keeps to
 * the honest outcome, reports the forgeries, and the victims write back what
 * was removed.
 */
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import {
  DAY,
  dayDocName,
  SETTINGS_DOC,
  TRANSFERS,
  TRANSFERS_DOC,
  writerTag,
} from '../../../crdt/documents.ts';
import { writeIdentity } from '../../../crdt/identities.ts';
import type { TillCode } from '../../../crdt/ids.ts';
import type { InvalidRecord } from '../../../crdt/records.ts';
import type { RecordSigner } from '../../../crdt/signing.ts';
import { signRecord } from '../../../crdt/signing.ts';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import { createLogger } from '../../../node/log.ts';
import type { MeshMember } from '../../../node/mesh/mesh-member.ts';
import { startMeshMember } from '../../../node/mesh/mesh-member.ts';
import { readMeshSecret } from '../../../node/mesh/mesh-secret.ts';
import { tillSigner } from '../../../node/signatures.ts';
import type { Daemon } from '../../helpers/daemon.ts';
import { ApiClient, startDaemon, writeTillConfig } from '../../helpers/daemon.ts';
import { freePort } from '../../helpers/net.ts';
import { tempDir } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const product = demoProducts()[2]!;
const root = tempDir();
const daemons: Daemon[] = [];
let apiA: ApiClient, apiB: ApiClient;
let forger: MeshMember;
let forgerKey: RecordSigner;
let sale: any;
let transfer: any;
let dayDoc: string;
let peerA: string;

const reported = async (api: ApiClient): Promise<InvalidRecord[]> =>
  (await api.call('GET', '/api/status')).books.invalidRecords;

beforeAll(async () => {
  const ports = { A: await freePort(), B: await freePort() };
  const secretFile = join(root.path, 'shared.secret');
  const configs = (['A', 'B'] as const).map((code) =>
    writeTillConfig(join(root.path, code), {
      till: { code, name: `Till ${code}` },
      mesh: {
        listen: [`/ip4/127.0.0.1/tcp/${ports[code]}`],
        mdns: false,
        secretFile,
        peers: [`/ip4/127.0.0.1/tcp/${ports[code === 'A' ? 'B' : 'A']}`],
      },
    }),
  );
  daemons.push(await startDaemon(configs[0]!)); // the founder: B joins its mesh
  daemons.push(await startDaemon(configs[1]!));
  apiA = await new ApiClient(daemons[0]!.url).login('demo-alice', '1234');
  apiB = await new ApiClient(daemons[1]!.url).login('demo-alice', '1234');
  await apiA.call('POST', '/api/day/open', { float: 0 });
  await waitFor(
    async () => (await apiB.raw('POST', '/api/day/open', { float: 0 })).status === 200,
    {
      what: 'B opening its day once it has the settings',
      timeoutMs: 30_000,
      intervalMs: 250,
    },
  );

  // A sells; A sends a cart that B claims and A confirms
  const cart = await apiA.call('POST', '/api/carts');
  await apiA.call('POST', `/api/carts/${cart.id}/lines`, { barcode: product.barcodes[0], qty: 2 });
  sale = await apiA.call('POST', `/api/carts/${cart.id}/pay`, {
    payments: [{ method: 'cash', amount: 2 * product.price }],
  });
  const sent = await apiA.call('POST', '/api/carts', {});
  await apiA.call('POST', `/api/carts/${sent.id}/lines`, { barcode: product.barcodes[0], qty: 1 });
  const { id } = await apiA.call('POST', `/api/carts/${sent.id}/send`, { mode: 'broadcast' });
  await waitFor(async () => (await apiB.raw('POST', `/api/transfers/${id}/claim`)).status === 200, {
    what: 'B claiming the transfer',
  });
  await waitFor(
    async () => (await apiA.call('GET', `/api/transfers/${id}`)).status === 'confirmed',
    {
      what: "A confirming B's claim",
    },
  );
  transfer = await apiA.call('GET', `/api/transfers/${id}`);
  peerA = (await apiA.call('GET', '/api/status')).till.peerId;
  dayDoc = dayDocName({
    till: 'A' as TillCode,
    businessDate: sale.businessDate,
    session: 1,
    writer: writerTag(peerA),
  });

  // the hostile device: the mesh secret, its own key, registered as till F1
  const privateKey = await generateKeyPair('Ed25519');
  forgerKey = tillSigner({ privateKey, peerId: peerIdFromPrivateKey(privateKey).toString() });
  forger = await startMeshMember({
    secret: readMeshSecret(secretFile),
    peers: [`/ip4/127.0.0.1/tcp/${ports.A}`, `/ip4/127.0.0.1/tcp/${ports.B}`],
    mdns: false,
    host: '127.0.0.1',
    name: 'F1',
    log: createLogger({ component: 'forger', level: 'silent' }),
    privateKey,
  });
  forger.dial();
  await waitFor(
    () =>
      forger.docs.get(dayDoc)?.getMap(DAY.orders).has(sale.id) &&
      (forger.docs.get(TRANSFERS_DOC)?.getMap(TRANSFERS.transfers).get(id) as Y.Array<unknown>)
        ?.length >= 3,
    { what: 'the forger holding the day and the transfer', timeoutMs: 20_000 },
  );
  const settings = forger.docs.open(SETTINGS_DOC);
  settings.transact(() =>
    writeIdentity(
      settings,
      {
        peerId: forgerKey.peerId,
        code: 'F1' as TillCode,
        name: 'Till F1',
        claimedAt: `${'0'.repeat(14)}1:000000:F1`,
        founder: false,
      } as never,
      forgerKey,
    ),
  );
}, 120_000);

afterAll(async () => {
  await forger?.stop();
  for (const d of daemons) await d.stop();
  root.remove();
});

describe('a hostile member of the mesh', () => {
  it('forges transfer events and orders: nothing changes on any till, and every till reports it', async () => {
    const transfers = forger.docs.get(TRANSFERS_DOC)!;
    const log = transfers.getMap(TRANSFERS.transfers).get(transfer.id) as Y.Array<any>;
    const place = { doc: TRANSFERS_DOC, map: TRANSFERS.transfers, key: transfer.id };
    const realSent = log.get(0);
    const earlier = (hlc: string) =>
      hlc.replace(/^\d{15}/, (ms) => String(Number(ms) - 1).padStart(15, '0'));
    const cheap = {
      ...realSent.cart,
      lines: realSent.cart.lines.map((l: any) => ({ ...l, unitPrice: 1 })),
    };
    const days = forger.docs.get(dayDoc)!;
    const orders = days.getMap(DAY.orders);
    const realOrder = orders.get(sale.id) as any;
    transfers.transact(() =>
      log.push([
        // its own claim (it may claim), then a confirmation of it "by A", dated before A's
        signRecord(
          { type: 'claimed', at: earlier(transfer.claims[0].at), till: 'F1', by: realSent.by },
          place,
          forgerKey,
        ),
        {
          ...signRecord(
            {
              type: 'confirmed',
              at: earlier(transfer.claims[0].confirmedAt),
              claim: 'F1',
              claimAt: earlier(transfer.claims[0].at),
            },
            place,
            forgerKey,
          ),
          signer: peerA,
        },
        // a second, earlier `sent` to itself with its own prices, and A's own `sent` edited
        signRecord(
          {
            ...realSent,
            signer: undefined,
            sig: undefined,
            at: earlier(realSent.at),
            targets: ['F1'],
            cart: cheap,
          },
          place,
          forgerKey,
        ),
        { ...realSent, cart: cheap },
      ]),
    );
    days.transact(() => {
      // an order under A's code, signed by the forger
      const fake = {
        ...realOrder,
        id: 'forged-order',
        number: `${realOrder.number}9`,
        signer: undefined,
        sig: undefined,
      };
      orders.set(
        'forged-order',
        signRecord(fake, { doc: dayDoc, map: DAY.orders, key: 'forged-order' }, forgerKey),
      );
    });

    for (const api of [apiA, apiB]) {
      await waitFor(
        async () =>
          (await reported(api)).filter((r) => r.signer === forgerKey.peerId || r.signer === peerA)
            .length >= 3,
        { what: 'the forgeries reported', timeoutMs: 15_000 },
      );
      const seen = await api.call('GET', `/api/transfers/${transfer.id}`);
      expect(seen.from).toBe('A');
      expect(seen.winner).toMatchObject({ till: 'B', confirmedAt: transfer.claims[0].confirmedAt });
      expect(seen.cart.totals).toEqual(transfer.cart.totals);
      expect(seen.targets).toBeNull();
      expect((await api.raw('GET', `/api/orders/${realOrder.number}9`)).status).toBe(404);
      const records = await reported(api);
      expect(
        records.map(
          (r) => `${r.map}|${r.signer === forgerKey.peerId ? 'F' : r.signer ? 'as A' : '-'}`,
        ),
      ).toEqual(expect.arrayContaining(['transfers|F', 'transfers|as A', 'orders|F']));
    }
    const x = await apiA.call('GET', '/api/reports/x');
    expect(x.sales.total).toBe(2 * product.price);
  });

  it('overwrites a paid order and deletes a transfer log: the tills that wrote them write them back', async () => {
    const days = forger.docs.get(dayDoc)!;
    const orders = days.getMap(DAY.orders);
    const realOrder = orders.get(sale.id) as any;
    const transfers = forger.docs.get(TRANSFERS_DOC)!;
    days.transact(() =>
      orders.set(sale.id, { ...realOrder, totals: { ...realOrder.totals, total: 1 } }),
    );
    transfers.transact(() => transfers.getMap(TRANSFERS.transfers).delete(transfer.id));

    for (const api of [apiA, apiB]) {
      await waitFor(
        async () => {
          const order = await api.raw('GET', `/api/orders/${sale.number}`);
          const seen = await api.raw('GET', `/api/transfers/${transfer.id}`);
          return (
            order.status === 200 &&
            order.body.order.totals.total === sale.totals.total &&
            seen.status === 200 &&
            seen.body.winner?.till === 'B' &&
            seen.body.claims.length >= 1
          );
        },
        { what: 'the order and the transfer back', timeoutMs: 15_000, intervalMs: 200 },
      );
    }
    // the forger's copy converges too: what it removed is back in its own documents
    await waitFor(() => (orders.get(sale.id) as any)?.sig === realOrder.sig, {
      what: "A's order back on the forger",
    });
    const written = (await reported(apiA)).filter((r) => r.reason.includes('written back'));
    expect(written.map((r) => r.map).sort()).toEqual(['orders', 'transfers']);
    expect(
      (await reported(apiB)).some(
        (r) => r.map === 'transfers' && r.reason.includes('written back'),
      ),
    ).toBe(true);
  });
});
