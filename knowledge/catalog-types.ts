import type { ServiceCode, TopicId } from './types.js';

/** Open311 GeoReport v2 attribute datatypes. */
export const ATTRIBUTE_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];

export interface AttributeValue {
  readonly key: string;
  readonly name: string;
}

export interface ServiceAttribute {
  readonly code: string;
  readonly datatype: AttributeDatatype;
  readonly required: boolean;
  /** The question the bot asks a resident. */
  readonly description: string;
  readonly order: number;
  readonly values?: readonly AttributeValue[];
}

/**
 * A routing rule the city applies at intake: when a report matches, the bot
 * says where it goes instead of filing it.
 */
export interface RoutingRule {
  readonly id: string;
  /** Case-insensitive regular expression sources tested against the normalised report text. */
  readonly patterns: readonly string[];
  /** What the resident is told. */
  readonly message: string;
  /** 'emergency' means 911. */
  readonly routeTo: 'emergency' | 'water-department' | 'state-dot' | 'property-owner' | 'other';
}

export interface CatalogService {
  readonly code: ServiceCode;
  /** The article this service belongs to. */
  readonly topic: TopicId;
  /** The name the city uses. */
  readonly name: string;
  readonly agency: string;
  readonly description: string;
  readonly attributes: readonly ServiceAttribute[];
  /** Expected time frame in business days; undefined when the city states none. */
  readonly businessDays?: number;
  /** Expected time frame in calendar days, where the city states it that way (smoke alarms: up to 60 days). */
  readonly calendarDays?: number;
  /** The city's own words for the time frame, e.g. "removed in 3-5 business days, free". */
  readonly timeFrame?: string;
  readonly urgent: boolean;
  /** Urgent only when an attribute has one of these values (a tree blocking the street). */
  readonly urgentWhen?: { readonly attribute: string; readonly values: readonly string[] };
  /** Routing rules specific to this service (checked during intake). */
  readonly routing: readonly RoutingRule[];
  readonly keywords: readonly string[];
  readonly group: string;
}
