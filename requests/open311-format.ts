import { XMLBuilder } from 'fast-xml-parser';
import type { CatalogService } from '../knowledge/catalog-types.js';
import { isOpenStatus } from './status-lifecycle.js';
import type { RequestStatus, ServiceRequest } from './types.js';

/**
 * Open311 GeoReport v2 shapes and their JSON/XML serialisation. XML is the
 * spec's required format: every response but a service definition is a list
 * (<services><service>, <service_requests><request>, <errors><error>), ids are
 * strings, absent values are empty elements (JSON: null).
 */
export type Open311Format = 'json' | 'xml';
type Scalar = string | number | boolean | null;
type Node = Scalar | Node[] | { [key: string]: Node };

export const OPEN311_SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

const STATUS_LABEL: Readonly<Record<RequestStatus, string>> = {
  received: 'Received',
  'in-progress': 'In progress',
  scheduled: 'Scheduled',
  duplicate: 'Duplicate',
  'closed-fixed': 'Fixed',
  'closed-unfounded': 'Closed: no problem found',
  'not-city-responsibility': "Closed: not the city's responsibility",
};

export function serviceView(service: CatalogService): Record<string, Node> {
  return {
    service_code: service.code,
    service_name: service.name,
    description: service.description,
    metadata: service.attributes.length > 0,
    type: 'realtime',
    keywords: service.keywords.join(','),
    group: service.group,
  };
}

export function serviceDefinitionView(service: CatalogService): Record<string, Node> {
  return {
    service_code: service.code,
    attributes: service.attributes.map((a) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: datatypeDescription(a.datatype),
      order: a.order,
      description: a.description,
      ...(a.values === undefined ? {} : { values: a.values.map((v) => ({ key: v.key, name: v.name })) }),
    })),
  };
}

function datatypeDescription(datatype: CatalogService['attributes'][number]['datatype']): string | null {
  switch (datatype) {
    case 'number':
      return 'A number, e.g. 3';
    case 'datetime':
      return 'An ISO 8601 date and time, e.g. 2026-05-22T10:00:00-04:00';
    case 'multivaluelist':
      return 'One or more keys from values';
    case 'singlevaluelist':
      return 'One key from values';
    case 'string':
    case 'text':
      return null;
    default: {
      const unreachable: never = datatype;
      return unreachable;
    }
  }
}

/** What the public sees of a request: no requester, contact or follower details. */
export function requestView(request: ServiceRequest, serviceName: string | undefined): Record<string, Node> {
  const last = request.history.at(-1);
  const notes = [
    request.status === 'received' ? undefined : STATUS_LABEL[request.status],
    request.status === 'duplicate' && last?.parent ? `of request ${last.parent}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  const statusNotes = [notes, request.statusNotes].filter(Boolean).join(': ');
  return {
    service_request_id: request.id,
    status: isOpenStatus(request.status) ? 'open' : 'closed',
    status_notes: statusNotes || null,
    service_name: serviceName ?? null,
    service_code: request.serviceCode,
    description: request.description || null,
    agency_responsible: request.agency,
    service_notice: request.serviceNotice ?? null,
    requested_datetime: request.requestedAt,
    updated_datetime: request.updatedAt,
    expected_datetime: request.expectedAt ?? null,
    address: request.location.address ?? null,
    address_id: request.location.addressId ?? null,
    zipcode: null,
    lat: request.location.lat ?? null,
    long: request.location.long ?? null,
    media_url: request.mediaUrl ?? null,
    account_id: request.accountId ?? null,
  };
}

export function createdView(request: ServiceRequest): Record<string, Node> {
  return {
    service_request_id: request.id,
    service_notice: request.serviceNotice ?? null,
    account_id: request.accountId ?? null,
  };
}

export interface Open311Error {
  readonly code: number;
  readonly description: string;
}

/** The XML root and item element of each list response. */
export const LIST_ELEMENTS = {
  services: ['services', 'service'],
  requests: ['service_requests', 'request'],
  errors: ['errors', 'error'],
} as const;
export type ListKind = keyof typeof LIST_ELEMENTS;

const builder = new XMLBuilder({ format: true, suppressEmptyNode: true, ignoreAttributes: true });
const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

export const CONTENT_TYPE: Readonly<Record<Open311Format, string>> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export function renderList(kind: ListKind, items: readonly Node[], format: Open311Format): string {
  if (format === 'json') return JSON.stringify(items);
  const [root, item] = LIST_ELEMENTS[kind];
  return DECLARATION + builder.build({ [root]: { [item]: items.map(forXml) } });
}

export function renderDefinition(definition: Record<string, Node>, format: Open311Format): string {
  if (format === 'json') return JSON.stringify(definition);
  const attributes = definition.attributes as Record<string, Node>[];
  const xml = {
    ...definition,
    attributes: {
      attribute: attributes.map((a) => ({
        ...a,
        ...(a.values === undefined ? {} : { values: { value: a.values } }),
      })),
    },
  };
  return DECLARATION + builder.build({ service_definition: forXml(xml) });
}

export function renderDiscovery(discovery: Record<string, Node>, format: Open311Format): string {
  if (format === 'json') return JSON.stringify(discovery);
  const endpoints = discovery.endpoints as Record<string, Node>[];
  const xml = {
    ...discovery,
    endpoints: { endpoint: endpoints.map((e) => ({ ...e, formats: { format: e.formats as Node } })) },
  };
  return DECLARATION + builder.build({ discovery: forXml(xml) });
}

/** XML has no null: absent values become empty elements. */
function forXml(node: Node): Node {
  if (node === null) return '';
  if (Array.isArray(node)) return node.map(forXml);
  if (typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, forXml(v)]));
  return node;
}
