import { updateResourceSchema } from '@caliu/common';
import type { Resource, ResourceState, UpdateResource } from '@caliu/common';
import { dateOrNull } from './content-validation';
import type { ContentProblems } from './content-validation';
import { check } from './validation';

/**
 * Moving a resource to another state (RESOURCE_TRANSITIONS): granting asks the day it starts
 * (and the day it ends, when known), ending asks the day it ends, denying asks nothing.
 */
export const TRANSITION_FIELDS = ['startsOn', 'endsOn'] as const;
export type TransitionField = (typeof TRANSITION_FIELDS)[number];
export type TransitionValues = Record<TransitionField, string>;
type Moving = Pick<Resource, 'startsOn' | 'endsOn' | 'version'>;

/** The dates a move asks for: granting, its start (and its end when known); ending, its end. */
export function transitionAsks(state: ResourceState): {
  startsOn: 'required' | null;
  endsOn: 'required' | 'optional' | null;
} {
  if (state === 'granted') return { startsOn: 'required', endsOn: 'optional' };
  if (state === 'ended') return { startsOn: null, endsOn: 'required' };
  return { startsOn: null, endsOn: null };
}

/** What the dates of a move start from: the resource's own, or today. */
export function transitionValues(
  resource: Moving,
  state: ResourceState,
  today: string,
): TransitionValues {
  if (state === 'granted') {
    return { startsOn: resource.startsOn ?? today, endsOn: resource.endsOn ?? '' };
  }
  if (state === 'ended') return { startsOn: '', endsOn: today };
  return { startsOn: '', endsOn: '' };
}

export function transitionBody(
  resource: Moving,
  state: ResourceState,
  values: TransitionValues,
): UpdateResource {
  const asks = transitionAsks(state);
  return {
    state,
    version: resource.version,
    ...(asks.startsOn ? { startsOn: values.startsOn } : {}),
    ...(asks.endsOn === 'required' ? { endsOn: values.endsOn } : {}),
    ...(asks.endsOn === 'optional' ? { endsOn: dateOrNull(values.endsOn) } : {}),
  };
}

export function transitionProblems(
  resource: Moving,
  state: ResourceState,
  values: TransitionValues,
): ContentProblems<TransitionField> {
  const problems: ContentProblems<TransitionField> = check(
    updateResourceSchema,
    transitionBody(resource, state, values),
    values,
    TRANSITION_FIELDS,
  );
  const startsOn = transitionAsks(state).startsOn ? values.startsOn : resource.startsOn;
  if (!problems.endsOn && startsOn && values.endsOn && values.endsOn < startsOn) {
    problems.endsOn = 'ends_before_start';
  }
  return problems;
}
