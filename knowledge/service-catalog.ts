import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  ATTRIBUTE_DATATYPES,
  type AttributeDatatype,
  type AttributeValue,
  type CatalogService,
  type RoutingRule,
  type ServiceAttribute,
} from './catalog-types.js';
import type { ServiceCode, TopicId } from './types.js';

/** The sample catalog that ships with the bot. */
export const DEFAULT_CATALOG_FILE = fileURLToPath(new URL('./service-catalog.yaml', import.meta.url));

/** Stable codes for what can be wrong with the catalog. Branch on `code`, never on the message. */
export const CATALOG_ERROR_CODES = [
  'unreadable',
  'bad-yaml',
  'bad-field',
  'duplicate-code',
  'unknown-topic',
  'missing-service',
  'unknown-datatype',
  'list-without-values',
  'values-without-list',
  'duplicate-attribute',
  'bad-pattern',
  'unknown-route',
  'duplicate-rule',
] as const;
export type CatalogErrorCode = (typeof CATALOG_ERROR_CODES)[number];

/** A catalog that cannot be served; the message names the file and, where it applies, the service. */
export class CatalogError extends Error {
  readonly code: CatalogErrorCode;
  readonly file: string;
  readonly service: string | undefined;

  constructor(code: CatalogErrorCode, file: string, service: string | undefined, detail: string) {
    super(`${file}${service === undefined ? '' : `: service "${service}"`}: ${detail}`);
    this.name = 'CatalogError';
    this.code = code;
    this.file = file;
    this.service = service;
  }
}

export interface ServiceCatalog {
  readonly services: readonly CatalogService[];
  /** Routing rules that apply whatever the service. */
  readonly rules: readonly RoutingRule[];
  get(code: string): CatalogService | undefined;
  /** The topic's primary service (code = topic id), else the first service of the topic. */
  forTopic(topic: string): CatalogService | undefined;
  /**
   * The routing rule a report matches, if any: the global rules first, then the
   * given service's own rules (or every service's rules when none is given).
   * When one matches, the bot says where the report goes instead of filing it.
   */
  route(text: string, service?: string): RoutingRule | undefined;
}

/** A topic as the knowledge base declares it; `kind` "both"/"service" topics must have a service. */
export interface CatalogTopic {
  readonly id: string;
  readonly kind: string;
}

export interface LoadCatalogOptions {
  /**
   * The topics (e.g. the loaded articles) every service must belong to. When
   * given, a service naming another topic, or a "both"/"service" topic without
   * its primary service, stops start-up.
   */
  readonly topics?: readonly CatalogTopic[];
}

/** Reads and validates the catalog. Throws `CatalogError` naming the file and the service. */
export async function loadCatalog(
  file: string = DEFAULT_CATALOG_FILE,
  options: LoadCatalogOptions = {},
): Promise<ServiceCatalog> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw new CatalogError('unreadable', file, undefined, `cannot read the catalog (${describe(error)})`);
  }
  return parseCatalog(source, file, options);
}

/** Validates catalog YAML text; `file` is only used in error messages. */
export function parseCatalog(source: string, file: string, options: LoadCatalogOptions = {}): ServiceCatalog {
  let doc: unknown;
  try {
    doc = parseYaml(source);
  } catch (error) {
    throw new CatalogError('bad-yaml', file, undefined, `invalid YAML (${describe(error)})`);
  }
  const root = record(doc, file, undefined, 'the catalog');
  const fail = (code: CatalogErrorCode, service: string | undefined, detail: string): never => {
    throw new CatalogError(code, file, service, detail);
  };

  const ruleIds = new Set<string>();
  const rules = list(root.routing ?? [], file, undefined, 'routing').map((raw) =>
    parseRule(raw, file, undefined, ruleIds),
  );
  const rawServices = list(root.services, file, undefined, 'services');
  if (rawServices.length === 0) fail('bad-field', undefined, '"services" is empty');

  const services: CatalogService[] = [];
  const byCode = new Map<string, CatalogService>();
  for (const [index, raw] of rawServices.entries()) {
    const entry = record(raw, file, `#${index + 1}`, 'a service');
    const code = text(entry.code, file, `#${index + 1}`, 'code');
    if (!/^[a-z0-9][a-z0-9-]*$/.test(code)) fail('bad-field', code, 'code must be lower-case kebab-case');
    if (byCode.has(code)) fail('duplicate-code', code, `code "${code}" is used twice`);
    const service = parseService(entry, code, file, ruleIds);
    byCode.set(code, service);
    services.push(service);
  }

  if (options.topics !== undefined) {
    const known = new Map(options.topics.map((t) => [t.id, t.kind]));
    for (const service of services) {
      if (!known.has(service.topic)) {
        fail('unknown-topic', service.code, `topic "${service.topic}" is not a knowledge-base topic`);
      }
    }
    for (const [id, kind] of known) {
      if ((kind === 'both' || kind === 'service') && !byCode.has(id)) {
        fail(
          'missing-service',
          id,
          `topic "${id}" is of kind "${kind}" but has no service with code "${id}"`,
        );
      }
    }
  }
  return createServiceCatalog(services, rules);
}

/** Builds the catalog's lookups over validated services (tests may build one directly). */
export function createServiceCatalog(
  services: readonly CatalogService[],
  rules: readonly RoutingRule[] = [],
): ServiceCatalog {
  const byCode = new Map(services.map((s) => [s.code as string, s]));
  const compiled = (rs: readonly RoutingRule[]) =>
    rs.map((rule) => ({ rule, res: rule.patterns.map((p) => new RegExp(p, 'i')) }));
  const global = compiled(rules);
  const perService = new Map(services.map((s) => [s.code as string, compiled(s.routing)]));
  const allServiceRules = [...perService.values()].flat();
  return Object.freeze({
    services: Object.freeze([...services]),
    rules: Object.freeze([...rules]),
    get: (code: string) => byCode.get(code),
    forTopic: (topic: string) => byCode.get(topic) ?? services.find((s) => s.topic === topic),
    route(reportText: string, service?: string): RoutingRule | undefined {
      const normalised = normaliseReport(reportText);
      const candidates = [
        ...global,
        ...(service === undefined ? allServiceRules : (perService.get(service) ?? [])),
      ];
      return candidates.find((c) => c.res.some((re) => re.test(normalised)))?.rule;
    },
  });
}

/** Lower case, accents and curly quotes folded, whitespace collapsed. */
function normaliseReport(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function parseService(
  entry: Record<string, unknown>,
  code: string,
  file: string,
  ruleIds: Set<string>,
): CatalogService {
  const str = (key: string) => text(entry[key], file, code, key);
  const attributes = parseAttributes(entry.attributes ?? [], code, file);
  const urgentWhen =
    entry.urgentWhen === undefined ? undefined : parseUrgentWhen(entry.urgentWhen, attributes, code, file);
  const service: CatalogService = {
    code: code as ServiceCode,
    topic: str('topic') as TopicId,
    name: str('name'),
    agency: str('agency'),
    group: str('group'),
    description: str('description').trim(),
    keywords: list(entry.keywords ?? [], file, code, 'keywords').map((k) => text(k, file, code, 'keywords')),
    attributes,
    businessDays: days(entry.businessDays, file, code, 'businessDays'),
    calendarDays: days(entry.calendarDays, file, code, 'calendarDays'),
    timeFrame: entry.timeFrame === undefined ? undefined : str('timeFrame'),
    urgent: bool(entry.urgent, file, code, 'urgent'),
    urgentWhen,
    routing: list(entry.routing ?? [], file, code, 'routing').map((raw) =>
      parseRule(raw, file, code, ruleIds),
    ),
  };
  if (service.businessDays !== undefined && service.calendarDays !== undefined) {
    throw new CatalogError('bad-field', file, code, 'give businessDays or calendarDays, not both');
  }
  return deepFreeze(service);
}

function parseAttributes(raw: unknown, service: string, file: string): ServiceAttribute[] {
  const seen = new Set<string>();
  return list(raw, file, service, 'attributes').map((item, index) => {
    const entry = record(item, file, service, `attribute #${index + 1}`);
    const code = text(entry.code, file, service, `attribute #${index + 1} code`);
    const where = `attribute "${code}"`;
    if (seen.has(code))
      throw new CatalogError('duplicate-attribute', file, service, `${where} appears twice`);
    seen.add(code);
    const datatype = text(entry.datatype, file, service, `${where} datatype`);
    if (!(ATTRIBUTE_DATATYPES as readonly string[]).includes(datatype)) {
      throw new CatalogError(
        'unknown-datatype',
        file,
        service,
        `${where} has unknown datatype "${datatype}" (use ${ATTRIBUTE_DATATYPES.join(', ')})`,
      );
    }
    const isList = datatype === 'singlevaluelist' || datatype === 'multivaluelist';
    const values = entry.values === undefined ? undefined : parseValues(entry.values, file, service, where);
    if (isList && (values === undefined || values.length === 0)) {
      throw new CatalogError(
        'list-without-values',
        file,
        service,
        `${where} is a ${datatype} without values`,
      );
    }
    if (!isList && values !== undefined) {
      throw new CatalogError(
        'values-without-list',
        file,
        service,
        `${where} is a ${datatype} but has values`,
      );
    }
    return {
      code,
      datatype: datatype as AttributeDatatype,
      required: bool(entry.required, file, service, `${where} required`),
      description: text(entry.description, file, service, `${where} description`),
      order:
        entry.order === undefined ? index + 1 : (days(entry.order, file, service, `${where} order`) ?? 0),
      ...(values === undefined ? {} : { values }),
    };
  });
}

function parseValues(raw: unknown, file: string, service: string, where: string): AttributeValue[] {
  const keys = new Set<string>();
  return list(raw, file, service, `${where} values`).map((item) => {
    const entry = record(item, file, service, `${where} value`);
    const key = text(entry.key, file, service, `${where} value key`);
    // An unquoted comma in a flow mapping ({key: a, name: A, B}) makes "B" a key of its own.
    const stray = Object.keys(entry).find((k) => k !== 'key' && k !== 'name');
    if (stray !== undefined) {
      throw new CatalogError(
        'bad-field',
        file,
        service,
        `${where} value "${key}" has an unknown field "${stray}" (quote a name that contains a comma)`,
      );
    }
    if (keys.has(key))
      throw new CatalogError('duplicate-attribute', file, service, `${where} lists "${key}" twice`);
    keys.add(key);
    return { key, name: text(entry.name, file, service, `${where} value name`) };
  });
}

function parseUrgentWhen(
  raw: unknown,
  attributes: readonly ServiceAttribute[],
  service: string,
  file: string,
): CatalogService['urgentWhen'] {
  const entry = record(raw, file, service, 'urgentWhen');
  const attribute = text(entry.attribute, file, service, 'urgentWhen attribute');
  const target = attributes.find((a) => a.code === attribute);
  const values = list(entry.values, file, service, 'urgentWhen values').map((v) =>
    text(v, file, service, 'urgentWhen values'),
  );
  const unknown = values.find((v) => !target?.values?.some((known) => known.key === v));
  if (target === undefined || unknown !== undefined) {
    throw new CatalogError(
      'bad-field',
      file,
      service,
      `urgentWhen refers to ${target === undefined ? `unknown attribute "${attribute}"` : `unknown value "${unknown}"`}`,
    );
  }
  return { attribute, values };
}

const ROUTES: readonly RoutingRule['routeTo'][] = [
  'emergency',
  'water-department',
  'state-dot',
  'property-owner',
  'other',
];

function parseRule(raw: unknown, file: string, service: string | undefined, ids: Set<string>): RoutingRule {
  const entry = record(raw, file, service, 'a routing rule');
  const id = text(entry.id, file, service, 'routing rule id');
  if (ids.has(id))
    throw new CatalogError('duplicate-rule', file, service, `routing rule "${id}" appears twice`);
  ids.add(id);
  const routeTo = text(entry.routeTo, file, service, `routing rule "${id}" routeTo`);
  if (!(ROUTES as readonly string[]).includes(routeTo)) {
    throw new CatalogError(
      'unknown-route',
      file,
      service,
      `routing rule "${id}" has unknown routeTo "${routeTo}"`,
    );
  }
  const patterns = list(entry.patterns, file, service, `routing rule "${id}" patterns`).map((p) =>
    text(p, file, service, `routing rule "${id}" patterns`),
  );
  if (patterns.length === 0)
    throw new CatalogError('bad-field', file, service, `routing rule "${id}" has no patterns`);
  for (const pattern of patterns) {
    try {
      new RegExp(pattern, 'i');
    } catch (error) {
      throw new CatalogError('bad-pattern', file, service, `routing rule "${id}": ${describe(error)}`);
    }
  }
  return deepFreeze({
    id,
    patterns,
    message: text(entry.message, file, service, `routing rule "${id}" message`).trim(),
    routeTo: routeTo as RoutingRule['routeTo'],
  });
}

function record(
  value: unknown,
  file: string,
  service: string | undefined,
  what: string,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CatalogError('bad-field', file, service, `${what} must be a mapping`);
  }
  return value as Record<string, unknown>;
}

function list(value: unknown, file: string, service: string | undefined, what: string): unknown[] {
  if (!Array.isArray(value)) throw new CatalogError('bad-field', file, service, `"${what}" must be a list`);
  return value;
}

function text(value: unknown, file: string, service: string | undefined, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CatalogError('bad-field', file, service, `"${what}" must be a non-empty string`);
  }
  return value;
}

function bool(value: unknown, file: string, service: string | undefined, what: string): boolean {
  if (typeof value !== 'boolean')
    throw new CatalogError('bad-field', file, service, `"${what}" must be true or false`);
  return value;
}

function days(value: unknown, file: string, service: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 365) {
    throw new CatalogError('bad-field', file, service, `"${what}" must be a whole number from 1 to 365`);
  }
  return value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
