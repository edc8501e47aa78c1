import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../../node/log.ts';
import type { PeerChannel } from '../../../node/mesh/peer-channel.ts';
import { MAX_QUEUED_BYTES, SyncSession } from '../../../node/mesh/sync-session.ts';
import type { Frame } from '../../../node/mesh/wire.ts';
import { decodeFrame } from '../../../node/mesh/wire.ts';

/** A channel that says "wait" until the test drains it. */
class StuckChannel implements PeerChannel {
  readonly peer = 'peer';
  readonly openedBy = 'peer';
  sent: Frame[] = [];
  full = true;
  private drains: Array<() => void> = [];
  send(frame: Uint8Array): boolean {
    this.sent.push(decodeFrame(frame));
    return !this.full;
  }
  onFrame(): void {}
  onDrain(listener: () => void): void {
    this.drains.push(listener);
  }
  onClose(): void {}
  close(): void {}
  drain(): void {
    this.full = false;
    for (const d of this.drains) d();
  }
}

const log = createLogger({ component: 'test', level: 'silent' });
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('sync session under back-pressure', () => {
  it('keeps only the latest answer per document while the peer does not read', async () => {
    const channel = new StuckChannel();
    const resynced: string[] = [];
    const session = new SyncSession(channel, log, {
      onFrame: () => {},
      onClose: () => {},
      resync: (_s, doc) => (resynced.push(doc), undefined),
    });
    session.send({ type: 'hello', version: 1, meshId: 'm', till: 'T', docs: [] }); // fills the channel
    for (let i = 0; i < 1000; i++)
      session.reply('catalogue', () => ({ type: 'awareness', update: new Uint8Array([i % 250]) }));
    expect(channel.sent).toHaveLength(1);
    channel.drain();
    await settle();
    expect(channel.sent.slice(1)).toEqual([
      { type: 'awareness', update: new Uint8Array([999 % 250]) },
    ]);
  });

  it('drops updates past the limit and resends those documents whole once drained', async () => {
    const channel = new StuckChannel();
    const resynced: string[] = [];
    const session = new SyncSession(channel, log, {
      onFrame: () => {},
      onClose: () => {},
      resync: (_s, doc) => {
        resynced.push(doc);
        return { type: 'awareness', update: new Uint8Array([7]) };
      },
    });
    session.send({ type: 'hello', version: 1, meshId: 'm', till: 'T', docs: [] });
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i * chunk.length < MAX_QUEUED_BYTES + chunk.length; i++)
      doc.getMap('m').set(`k${i}`, chunk);
    for (const u of updates) session.queueUpdate('catalogue', u);
    session.queueUpdate('settings', updates[0]!);
    await settle();
    expect(channel.sent).toHaveLength(1);
    channel.drain();
    await settle();
    expect(resynced).toEqual(['catalogue']);
    // the catalogue went as one whole diff, the settings update queued after the overflow as an update
    expect(channel.sent.slice(1).map((f) => (f.type === 'sync' ? f.doc : f.type))).toEqual([
      'awareness',
      'settings',
    ]);
  });
});

describe('sync session limits', () => {
  it('closes a session that floods it with frames', async () => {
    const { memoryChannelPair } = await import('../../../node/mesh/memory-channel.ts');
    const { encodeFrame } = await import('../../../node/mesh/wire.ts');
    const { a, b } = memoryChannelPair('me', 'flooder');
    const reasons: string[] = [];
    let handled = 0;
    new SyncSession(a, log, {
      onFrame: () => handled++,
      onClose: (_s, r) => reasons.push(r),
      resync: () => undefined,
    });
    const frame = encodeFrame({ type: 'awareness', update: new Uint8Array([1]) });
    for (let i = 0; i < 12_000; i++) b.send(frame);
    await settle();
    expect(reasons[0]).toMatch(/more than 2000 frames per second/);
    // the burst, plus what refilled while the test was sending; never all of it
    expect(handled).toBeLessThan(11_000);
  });
});
