/**
 * What a till reports about the mesh (GET /api/status, section `mesh`): shared
 * by the daemon that builds it and the UI that shows it.
 */
export interface TillPresence {
  till: string;
  name: string;
  peerId: string;
  /** Staff signed in at this till's UI. */
  staff: string[];
}

export interface MeshPeerStatus {
  peerId: string;
  till: string | null;
  addresses: string[];
  connected: boolean;
  discoveredBy: string[];
  lastSeen: string | null;
  lastSync: string | null;
  rttMs: number | null;
  behind: string[];
}

export interface MeshStatus {
  peerId: string;
  meshId: string;
  listen: string[];
  peers: MeshPeerStatus[];
  online: TillPresence[];
}
