/** The request domain's public surface: store, service, life cycle, Open311 and staff routers. */
export * from './address.js';
export * from './attributes.js';
export * from './geo.js';
export * from './lowdb-request-store.js';
export * from './open311-router.js';
export * from './request-error.js';
export * from './request-service.js';
export * from './staff-requests-router.js';
export * from './status-lifecycle.js';
export * from './time-frame.js';
export * from './tracking-number.js';
export * from './types.js';
