import { InitialSchema1763800000000 } from './1763800000000-InitialSchema';

/** Every migration in order; the data source runs them, never `synchronize`. */
export const MIGRATIONS = [InitialSchema1763800000000];
