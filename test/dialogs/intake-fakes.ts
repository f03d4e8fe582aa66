import type { IntakeRequests, StatusRequests } from '../../dialogs/intake-ports.js';
import { normalizeAddress } from '../../requests/address.js';
import type {
  Location,
  NewServiceRequest,
  Requester,
  ServiceRequest,
  TrackingNumber,
} from '../../requests/types.js';

/**
 * A small in-memory stand-in for RequestService (test only) until the real one
 * lands: stores what it is given, numbers requests from an injected list and
 * sets expectedAt a fixed number of days after filing.
 */
export class FakeRequests implements IntakeRequests, StatusRequests {
  readonly requests: ServiceRequest[] = [];
  failNextFile = false;

  constructor(
    private readonly clock: () => Date,
    private readonly ids: string[],
    private readonly daysToExpect = 5,
  ) {}

  async file(request: NewServiceRequest): Promise<ServiceRequest> {
    if (this.failNextFile) {
      this.failNextFile = false;
      throw new Error('disk full');
    }
    const id = this.ids.shift() as TrackingNumber;
    const now = this.clock();
    const stored: ServiceRequest = {
      ...request,
      id,
      status: 'received',
      followers: [],
      requestedAt: now.toISOString(),
      updatedAt: now.toISOString(),
      expectedAt: new Date(now.getTime() + this.daysToExpect * 86_400_000).toISOString(),
      agency: 'Streets Department',
      history: [{ status: 'received', at: now.toISOString(), by: 'system' }],
    };
    this.requests.push(stored);
    return stored;
  }

  async findDuplicate(serviceCode: string, location: Location): Promise<ServiceRequest | undefined> {
    const key = location.address && (normalizeAddress(location.address) ?? location.address);
    return this.requests.find(
      (r) =>
        r.serviceCode === serviceCode &&
        r.status === 'received' &&
        key !== undefined &&
        r.location.address === key,
    );
  }

  async follow(id: TrackingNumber, follower: Requester): Promise<ServiceRequest | undefined> {
    const i = this.requests.findIndex((r) => r.id === id);
    const found = this.requests[i];
    if (!found) return undefined;
    const updated = { ...found, followers: [...found.followers, follower] };
    this.requests[i] = updated;
    return updated;
  }

  async get(id: TrackingNumber): Promise<ServiceRequest | undefined> {
    return this.requests.find((r) => r.id === id);
  }

  async listForRequester(requester: Pick<Requester, 'channel' | 'userId'>): Promise<ServiceRequest[]> {
    const mine = (r: Requester) => r.channel === requester.channel && r.userId === requester.userId;
    return this.requests
      .filter((r) => mine(r.requester) || r.followers.some(mine))
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  }
}
