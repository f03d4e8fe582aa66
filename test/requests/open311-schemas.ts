/**
 * JSON Schemas of the Open311 GeoReport v2 responses, written from the spec
 * (wiki.open311.org/GeoReport_v2): ids are strings, every response but the
 * service definition is a list, errors are a list of {code, description}.
 */
const nullableString = { type: ['string', 'null'] };
const nullableNumber = { type: ['number', 'null'] };
const dateTime = { type: 'string', format: 'date-time' };

export const servicesSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
    additionalProperties: false,
    properties: {
      service_code: { type: 'string', minLength: 1 },
      service_name: { type: 'string', minLength: 1 },
      description: { type: 'string' },
      metadata: { type: 'boolean' },
      type: { enum: ['realtime', 'batch', 'blackbox'] },
      keywords: { type: 'string' },
      group: { type: 'string' },
    },
  },
};

export const serviceDefinitionSchema = {
  type: 'object',
  required: ['service_code', 'attributes'],
  additionalProperties: false,
  properties: {
    service_code: { type: 'string' },
    attributes: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'variable',
          'code',
          'datatype',
          'required',
          'datatype_description',
          'order',
          'description',
        ],
        additionalProperties: false,
        properties: {
          variable: { type: 'boolean' },
          code: { type: 'string', minLength: 1 },
          datatype: { enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] },
          required: { type: 'boolean' },
          datatype_description: nullableString,
          order: { type: 'integer', minimum: 1 },
          description: { type: 'string', minLength: 1 },
          values: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['key', 'name'],
              additionalProperties: false,
              properties: { key: { type: 'string' }, name: { type: 'string' } },
            },
          },
        },
        // A list attribute carries its values.
        anyOf: [
          { properties: { datatype: { enum: ['string', 'number', 'datetime', 'text'] } } },
          { required: ['values'] },
        ],
      },
    },
  },
};

export const requestsSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: [
      'service_request_id',
      'status',
      'service_code',
      'agency_responsible',
      'requested_datetime',
      'updated_datetime',
    ],
    additionalProperties: false,
    properties: {
      service_request_id: { type: 'string', pattern: '^[0-9]{8}$' },
      status: { enum: ['open', 'closed'] },
      status_notes: nullableString,
      service_name: nullableString,
      service_code: { type: 'string' },
      description: nullableString,
      agency_responsible: { type: 'string' },
      service_notice: nullableString,
      requested_datetime: dateTime,
      updated_datetime: dateTime,
      expected_datetime: { anyOf: [dateTime, { type: 'null' }] },
      address: nullableString,
      address_id: nullableString,
      zipcode: nullableString,
      lat: nullableNumber,
      long: nullableNumber,
      media_url: nullableString,
      account_id: nullableString,
    },
  },
};

export const createdSchema = {
  type: 'array',
  minItems: 1,
  maxItems: 1,
  items: {
    type: 'object',
    required: ['service_request_id', 'service_notice', 'account_id'],
    additionalProperties: false,
    properties: {
      service_request_id: { type: 'string', pattern: '^[0-9]{8}$' },
      service_notice: nullableString,
      account_id: nullableString,
    },
  },
};

export const errorsSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['code', 'description'],
    additionalProperties: false,
    properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
  },
};

export const discoverySchema = {
  type: 'object',
  required: ['changeset', 'contact', 'key_service', 'endpoints'],
  properties: {
    changeset: dateTime,
    contact: { type: 'string' },
    key_service: { type: 'string' },
    endpoints: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['specification', 'url', 'changeset', 'type', 'formats'],
        properties: {
          specification: { type: 'string' },
          url: { type: 'string' },
          changeset: dateTime,
          type: { enum: ['production', 'test'] },
          formats: { type: 'array', items: { enum: ['text/xml', 'application/json'] } },
        },
      },
    },
  },
};
