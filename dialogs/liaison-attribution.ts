import type { LiaisonAccount, LiaisonIdentity } from '../requests/liaison-types.js';
import type { IntakeRequests } from './intake-ports.js';

/**
 * Requests a liaison files carry the account's id (Open311 account_id) and
 * neighborhood. Wraps the intake's request port: when the requester is a
 * linked identity of an active account, filing adds both. Everything else
 * passes through unchanged.
 */
export function attributeLiaisonRequests(
  requests: IntakeRequests,
  liaisons: { accountFor(identity: LiaisonIdentity): Promise<LiaisonAccount | undefined> },
): IntakeRequests {
  return {
    async file(request) {
      const account = await liaisons.accountFor({
        channel: request.requester.channel,
        userId: request.requester.userId,
      });
      if (account === undefined) return requests.file(request);
      return requests.file({ ...request, accountId: account.id, neighborhood: account.neighborhood });
    },
    findDuplicate: (serviceCode, location) => requests.findDuplicate(serviceCode, location),
    follow: (id, follower) => requests.follow(id, follower),
  };
}
