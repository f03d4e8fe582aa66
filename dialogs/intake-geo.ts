import type { Activity } from 'botbuilder';
import { normalizeAddress } from '../requests/address.js';
import type { Location } from '../requests/types.js';

/**
 * A location a channel sent with the message: Bot Framework entities
 * ({type: 'GeoCoordinates', latitude, longitude} or {type: 'Place', geo, address}),
 * an attachment with a geo content type, or channelData {latitude, longitude} /
 * {location: {lat|latitude, long|lng|longitude}}.
 */
type Bag = Record<string, unknown>;

const isBag = (v: unknown): v is Bag => typeof v === 'object' && v !== null && !Array.isArray(v);

function num(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function coordinates(bag: Bag): Location | undefined {
  const lat = num(bag.latitude ?? bag.lat);
  const long = num(bag.longitude ?? bag.long ?? bag.lng ?? bag.lon);
  if (lat === undefined || long === undefined) return undefined;
  if (Math.abs(lat) > 90 || Math.abs(long) > 180 || (lat === 0 && long === 0)) return undefined;
  return { lat, long };
}

function fromPlace(bag: Bag): Location | undefined {
  const geo = isBag(bag.geo) ? coordinates(bag.geo) : coordinates(bag);
  const address = typeof bag.address === 'string' ? normalizeAddress(bag.address) : undefined;
  if (!geo && !address) return undefined;
  return { ...geo, ...(address ? { address } : {}) };
}

const GEO_CONTENT = /geo|location|place/i;

export function locationFromActivity(
  activity: Pick<Partial<Activity>, 'entities' | 'attachments' | 'channelData'>,
): Location | undefined {
  for (const entity of activity.entities ?? []) {
    const bag = entity as Bag;
    const type = String(bag.type ?? '').toLowerCase();
    if (type === 'geocoordinates') {
      const found = coordinates(bag);
      if (found) return found;
    } else if (type === 'place') {
      const found = fromPlace(bag);
      if (found) return found;
    }
  }
  for (const attachment of activity.attachments ?? []) {
    if (!GEO_CONTENT.test(attachment.contentType ?? '') || !isBag(attachment.content)) continue;
    const found = fromPlace(attachment.content);
    if (found) return found;
  }
  const data = activity.channelData;
  if (isBag(data))
    return (isBag(data.location) ? coordinates(data.location) : undefined) ?? coordinates(data);
  return undefined;
}

/** The first image (or video) attachment's URL: the request's mediaUrl. */
export function photoFromActivity(activity: Pick<Partial<Activity>, 'attachments'>): string | undefined {
  for (const attachment of activity.attachments ?? []) {
    const url = attachment.contentUrl;
    if (url && /^(?:image|video)\//i.test(attachment.contentType ?? '') && /^https?:\/\//i.test(url))
      return url;
  }
  return undefined;
}
