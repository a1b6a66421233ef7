import type { RequestTypeDefinition, RoutingContext } from './definition.js';

/** What a decision may read besides the state: the clock, the pinned type definition, routing rates. */
export interface DecideContext {
  now: Date;
  /** The definition version the request pinned (never the newest one when they differ). */
  definition: RequestTypeDefinition;
  routing: RoutingContext;
}
