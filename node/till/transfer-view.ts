/** A transfer as the API serves it: its state, and what this till reads of its keys. */
import type { TransferView } from '../../crdt/api-types.ts';
import type { Trust } from '../../crdt/signing.ts';
import type { LogTill, TransferState } from '../../crdt/transfers.ts';
import { sentBy } from '../../crdt/transfers.ts';

export function transferView(state: TransferState, self: LogTill, trust: Trust): TransferView {
  // a key registered under a code another till owns is a duplicate's (read now: ownership
  // settles as identities arrive, after the log was reduced)
  const duplicate = (key: string | undefined): key is string => {
    const code = key === undefined ? undefined : trust.codeOf(key);
    return code !== undefined && trust.ownerOf(code) !== key;
  };
  const keys = [state.sender, ...state.timeline.map((e) => e.signer)];
  return {
    ...state,
    sentHere: sentBy(state, self),
    duplicateSigners: [...new Set(keys.filter(duplicate))],
  };
}
