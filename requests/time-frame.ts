import type { CatalogService } from '../knowledge/catalog-types.js';
import { CITY_TIME_ZONE, cityDateOf } from '../knowledge/city-date.js';
import { addBusinessDays, type HolidayCalendar } from '../knowledge/holiday-calendar.js';
import { isOpenStatus } from './status-lifecycle.js';
import type { ServiceRequest } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When the city expects to have dealt with a request filed at `requestedAt`:
 * business days skip weekends and city holidays; calendar days (smoke alarms,
 * "up to 60 days") do not. Undefined when the city states no time frame.
 */
export function expectedDate(
  service: Pick<CatalogService, 'businessDays' | 'calendarDays'>,
  requestedAt: Date,
  calendar: HolidayCalendar,
): Date | undefined {
  if (service.businessDays !== undefined) return addBusinessDays(requestedAt, service.businessDays, calendar);
  if (service.calendarDays !== undefined)
    return new Date(requestedAt.getTime() + service.calendarDays * DAY_MS);
  return undefined;
}

/** The calendar date (YYYY-MM-DD) of an instant in the city's time zone. */
export function cityDate(at: Date): string {
  return cityDateOf(at, CITY_TIME_ZONE);
}

/**
 * A request is "delayed" when it is still open after the day it was expected:
 * a pothole expected on Thursday is on time all of Thursday, delayed on Friday.
 */
export function isDelayed(request: Pick<ServiceRequest, 'status' | 'expectedAt'>, now: Date): boolean {
  if (request.expectedAt === undefined || !isOpenStatus(request.status)) return false;
  return cityDate(now) > cityDate(new Date(request.expectedAt));
}
