import type { z } from 'zod';
import { describeIssues } from '../../crdt/records.ts';
import type { ApiRequest } from './http-types.ts';
import { HttpError } from './http-types.ts';

/** A request body checked against its schema: a 400 that names the field, or the data. */
export function parse<T>(schema: z.ZodType<T>, req: ApiRequest): T {
  const result = schema.safeParse(req.body ?? {});
  if (!result.success) throw new HttpError(400, 'INVALID_REQUEST', describeIssues(result.error));
  return result.data;
}
