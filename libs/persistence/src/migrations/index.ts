import { InitialSchema1763800000000 } from './1763800000000-InitialSchema';
import { DispatchCircularsRectification1763900000600 } from './1763900000600-DispatchCircularsRectification';
import { ReaderLanguage1795429431100 } from './1795429431100-ReaderLanguage';
import { TargetsTemplatesSeries1795430023721 } from './1795430023721-TargetsTemplatesSeries';
import { MilestoneLateness1795430674383 } from './1795430674383-MilestoneLateness';
import { ReachedOn1795439546462 } from './1795439546462-ReachedOn';
import { PlanImports1795439862730 } from './1795439862730-PlanImports';
import { ReadPathIndexes1795441344002 } from './1795441344002-ReadPathIndexes';
import { AccountSecurity1795442400503 } from './1795442400503-AccountSecurity';

/** Every migration in order; the data source runs them, never `synchronize`. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  DispatchCircularsRectification1763900000600,
  ReaderLanguage1795429431100,
  TargetsTemplatesSeries1795430023721,
  MilestoneLateness1795430674383,
  ReachedOn1795439546462,
  PlanImports1795439862730,
  ReadPathIndexes1795441344002,
  AccountSecurity1795442400503,
];
