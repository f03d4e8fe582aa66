export * from './article-loader.js';
export * from './city-date.js';
export * from './city-holidays.js';
export * from './holiday-calendar.js';
export * from './knowledge-error.js';
export * from './types.js';
