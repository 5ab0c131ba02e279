import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, registerDecorator, ValidationOptions } from 'class-validator';

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page = 1;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize = 50;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** The years a date may fall in wherever one enters through the API: plans run for years, not centuries. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;
const inYears = (day: string) => Number(day.slice(0, 4)) >= FIRST_YEAR && Number(day.slice(0, 4)) <= LAST_YEAR;
/** The pattern published in OpenAPI for a day within the years above. */
export const DAY_PATTERN = '^(20\\d\\d|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';
export const INSTANT_PATTERN = '^(20\\d\\d|2100)-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$';
/** A calendar day `YYYY-MM-DD` that exists. */
export function IsDay(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDay', target: object.constructor, propertyName, options,
      validator: {
        validate: (v: unknown) => typeof v === 'string' && DAY.test(v) && inYears(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v,
        defaultMessage: () => `must be a date YYYY-MM-DD between ${FIRST_YEAR}-01-01 and ${LAST_YEAR}-12-31`,
      },
    });
}

/** An ISO 8601 instant with an explicit offset, e.g. 2026-10-08T18:00:00+08:00. */
export function IsInstant(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant', target: object.constructor, propertyName, options,
      validator: {
        // Date.parse would roll 2027-02-30 over to March: the calendar day must exist as written.
        validate: (v: unknown) =>
          typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && inYears(v) &&
          !Number.isNaN(Date.parse(v)) && new Date(`${v.slice(0, 10)}T00:00:00Z`).toISOString().slice(0, 10) === v.slice(0, 10),
        defaultMessage: () => `must be an ISO 8601 instant with offset between ${FIRST_YEAR} and ${LAST_YEAR}, e.g. 2026-10-08T18:00:00+08:00`,
      },
    });
}

/** A plain JSON object (not an array, not null). */
export function IsPlainObject(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPlainObject', target: object.constructor, propertyName, options,
      validator: {
        validate: (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v),
        defaultMessage: () => 'must be an object',
      },
    });
}
