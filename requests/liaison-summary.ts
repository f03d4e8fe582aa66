import { isOpenStatus } from './status-lifecycle.js';
import { isDelayed } from './time-frame.js';
import type { ServiceRequest } from './types.js';

export interface ServiceCounts {
  readonly serviceCode: string;
  readonly open: number;
  readonly closed: number;
  /** Open past the expected day (a subset of `open`). */
  readonly delayed: number;
}

export interface NeighborhoodSummary {
  readonly neighborhood: string;
  readonly total: number;
  readonly open: number;
  readonly closed: number;
  readonly delayed: number;
  /** Most requests first, then by code. */
  readonly byService: readonly ServiceCounts[];
}

/** Counts a neighborhood's requests: open, closed, delayed (open past the expected day), per service. */
export function summarizeRequests(
  neighborhood: string,
  requests: readonly ServiceRequest[],
  now: Date,
): NeighborhoodSummary {
  const services = new Map<string, { open: number; closed: number; delayed: number }>();
  let open = 0;
  let delayed = 0;
  for (const request of requests) {
    const counts = services.get(request.serviceCode) ?? { open: 0, closed: 0, delayed: 0 };
    services.set(request.serviceCode, counts);
    if (isOpenStatus(request.status)) {
      open++;
      counts.open++;
      if (isDelayed(request, now)) {
        delayed++;
        counts.delayed++;
      }
    } else {
      counts.closed++;
    }
  }
  const byService = [...services.entries()]
    .map(([serviceCode, c]) => ({ serviceCode, ...c }))
    .sort((a, b) => b.open + b.closed - (a.open + a.closed) || a.serviceCode.localeCompare(b.serviceCode));
  return { neighborhood, total: requests.length, open, closed: requests.length - open, delayed, byService };
}
