import type { FollowUpResult, LinkResult } from '../requests/liaison-service.js';
import type { NeighborhoodSummary } from '../requests/liaison-summary.js';
import type { LiaisonAccount, LiaisonIdentity } from '../requests/liaison-types.js';
import type { ServiceRequest, TrackingNumber } from '../requests/types.js';
import type { IntakeDeps } from './intake-ports.js';

/** What the liaison dialogs need of the liaison service (requests/liaison-service.ts fits). */
export interface LiaisonPort {
  link(identity: LiaisonIdentity, code: string): Promise<LinkResult>;
  /** Read afresh on every use, so a revoked account or identity stops at once. */
  accountFor(identity: LiaisonIdentity): Promise<LiaisonAccount | undefined>;
  requestsOf(accountId: string): Promise<ServiceRequest[]>;
  followUp(identity: LiaisonIdentity, id: TrackingNumber, note: string): Promise<FollowUpResult>;
  summary(neighborhood: string): Promise<NeighborhoodSummary | undefined>;
}

export interface LiaisonDialogDeps {
  readonly liaisons: LiaisonPort;
  /** The intake's collaborators: meeting mode runs the same intake dialog for each problem. */
  readonly intake: IntakeDeps;
  /** Requests per page of "my requests" on SMS (other channels show twice as many). */
  readonly pageSize?: number;
}
