import { InitialSchema1763800000000 } from './1763800000000-InitialSchema';
import { DispatchCircularsRectification1763900000600 } from './1763900000600-DispatchCircularsRectification';

/** Every migration in order; the data source runs them, never `synchronize`. */
export const MIGRATIONS = [InitialSchema1763800000000, DispatchCircularsRectification1763900000600];
