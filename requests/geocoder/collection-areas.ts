import { readFile } from 'node:fs/promises';
import type { RouteDay } from '../../knowledge/holiday-calendar.js';
import type { Coordinates } from '../geo.js';
import { DISTRICT_KINDS, type Districts, routeDayOf } from './types.js';

/**
 * Collection areas (GEOCODER_AREAS): a GeoJSON FeatureCollection of Polygons
 * or MultiPolygons, each with its collection `day` ("WED") and, optionally,
 * `council`, `police` and `sanitation` districts. The generic geocoder takes a
 * point's trash day and districts from the area that holds it.
 */
export interface CollectionArea {
  readonly rings: readonly (readonly (readonly [number, number])[])[];
  readonly trashDay?: RouteDay;
  readonly districts: Districts;
}

export interface CollectionAreas {
  at(point: Coordinates): CollectionArea | undefined;
}

/** Ray casting over [lng, lat] rings; a point inside an odd number of rings is inside (holes work). */
function inside(rings: CollectionArea['rings'], point: Coordinates): boolean {
  let count = 0;
  for (const ring of rings) {
    let within = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > point.lat !== yj > point.lat && point.long < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi) {
        within = !within;
      }
    }
    if (within) count++;
  }
  return count % 2 === 1;
}

export function parseCollectionAreas(text: string, file = 'collection-area file'): CollectionAreas {
  const body = JSON.parse(text) as { features?: unknown };
  if (!Array.isArray(body.features)) throw new Error(`${file}: not a GeoJSON FeatureCollection`);
  const areas: CollectionArea[] = body.features.map((f: Record<string, unknown>, i) => {
    const geometry = (f.geometry ?? {}) as { type?: string; coordinates?: unknown };
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const polygons =
      geometry.type === 'Polygon'
        ? [geometry.coordinates]
        : geometry.type === 'MultiPolygon'
          ? (geometry.coordinates as unknown[])
          : undefined;
    if (!Array.isArray(polygons))
      throw new Error(`${file} feature ${i}: only Polygon and MultiPolygon are read`);
    const rings = (polygons as number[][][][])
      .flat()
      .map((ring) => ring.map(([x, y]) => [Number(x), Number(y)] as const));
    const districts: Record<string, string> = {};
    for (const kind of DISTRICT_KINDS) {
      const value = p[kind] ?? p[`${kind}_district`];
      if (value !== undefined && value !== null && String(value) !== '') districts[kind] = String(value);
    }
    const trashDay = routeDayOf(p.day ?? p.rubbish_recycle_day ?? p.collday);
    return { rings, districts, ...(trashDay ? { trashDay } : {}) };
  });
  return { at: (point) => areas.find((a) => inside(a.rings, point)) };
}

export async function loadCollectionAreas(file: string): Promise<CollectionAreas> {
  return parseCollectionAreas(await readFile(file, 'utf8'), file);
}
