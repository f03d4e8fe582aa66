import { simplify } from './simplify.js';

/**
 * Where something is in or beside a street, from a resident's words: "right
 * lane", "in the middle of the road", "by the curb", "in the crosswalk", "bike
 * lane", and in Spanish ("carril derecho", "la acera"). Each place is matched
 * to a list's labels by the place's own words, so a service's labels ("In a travel lane", "In the parking lane or by the curb")
 * decide which choice it is.
 */
interface Place {
  readonly id: string;
  /** How residents say it. */
  readonly said: RegExp;
  /** Words that name it in a label. */
  readonly labels: RegExp;
}

const PLACES: readonly Place[] = [
  {
    id: 'bike-lane',
    said: /\b(?:bike|bicycle|cycle|cycling|bus) lanes?\b|\bbike path\b|\bcarril (?:de )?bici(?:cleta)?s?\b|\bciclovia\b/,
    labels: /\bbike lane\b/,
  },
  {
    id: 'crosswalk',
    said: /\bcross ?walks?\b|\b(?:pedestrian|zebra) crossings?\b|\bcrossing\b|\b(?:paso|cruce) (?:de )?peatones\b|\bcruce peatonal\b/,
    labels: /\bcrosswalk\b/,
  },
  {
    id: 'parking',
    said: /\bcurbs?\b|\bkerbs?\b|\bgutters?\b|\bshoulder\b|\bparking (?:lane|spots?|spaces?|side)\b|\bwhere (?:cars|people) park\b|\bparked cars?\b|\bside of the (?:road|street)\b|\bedge of the (?:road|street)\b|\b(?:bordillo|cuneta|orilla)\b|\bdonde (?:se )?estacionan\b/,
    labels: /\b(?:parking lane|curb)\b/,
  },
  {
    id: 'travel-lane',
    said: /\b(?:right|left|middle|center|centre|turning|turn|inside|outside|fast|slow|passing|driving|traffic|travel|through|main|far|near|outer|inner|1st|2nd|first|second|northbound|southbound|eastbound|westbound|my|our|the) lanes?\b|\bmiddle of (?:the )?(?:road|street|lane|intersection)\b|\b(?:where|that) (?:the )?(?:cars|traffic) (?:drive|drives|go|goes)\b|\bin traffic\b|\bin the road\b|\bcarril(?:es)? (?:derecho|izquierdo|central|del medio|de en medio)\b|\b(?:en )?(?:el )?medio de la (?:calle|carretera|via)\b/,
    labels: /\btravel lane\b/,
  },
  {
    id: 'sidewalk',
    said: /\bside ?walks?\b|\bpavement\b|\bfootpath\b|\bacera\b|\bbanqueta\b/,
    labels: /\bsidewalk\b/,
  },
  { id: 'alley', said: /\balley(?:way)?s?\b|\bback ?lane\b|\bcallejon\b/, labels: /\balley\b/ },
  { id: 'vacant-lot', said: /\b(?:vacant|empty|abandoned) lots?\b|\bthe lot\b/, labels: /\blot\b/ },
  {
    id: 'street',
    said: /\b(?:in|on|into|across|onto) the (?:street|road)\b|^(?:the )?(?:street|road)$|\ben la calle\b/,
    labels: /\bstreet\b/,
  },
];

/** The places a text names, most specific first (a bike lane before a lane, a lane before the street). */
export function placesIn(text: string): string[] {
  const said = simplify(text);
  return PLACES.filter((p) => p.said.test(said)).map((p) => p.id);
}

/**
 * Which label a position answer picks: the first place it names that exactly
 * one label names. Undefined when the labels are not places or none fits.
 */
export function positionChoice(text: string, labels: readonly string[]): number | undefined {
  const simple = labels.map(simplify);
  for (const id of placesIn(text)) {
    const place = PLACES.find((p) => p.id === id)!;
    const hits = simple.flatMap((l, i) => (place.labels.test(l) ? [i] : []));
    if (hits.length === 1) return hits[0];
  }
  return undefined;
}

/** The words the place reader knows ("right", "lane", "curb"): vocabulary for spelling tolerance. */
export const PLACE_VOCABULARY: readonly string[] = [
  ...new Set(PLACES.flatMap((p) => p.said.source.replace(/\\[a-z]/gi, ' ').match(/[a-z]{3,}/g) ?? [])),
];
