import { describe, expect, it } from 'vitest';
import { transitionBody, transitionProblems, transitionValues } from './resource-transitions';

const TODAY = '2026-12-05';

describe('moving a resource to another state', () => {
  it('asks the start to grant a resource and the end to end it', () => {
    const pending = { startsOn: null, endsOn: null, version: 2 };
    const grant = transitionValues(pending, 'granted', TODAY);
    expect(grant).toEqual({ startsOn: TODAY, endsOn: '' });
    expect(transitionProblems(pending, 'granted', grant)).toEqual({});
    expect(transitionBody(pending, 'granted', grant)).toEqual({
      state: 'granted',
      version: 2,
      startsOn: TODAY,
      endsOn: null,
    });
    expect(transitionProblems(pending, 'granted', { startsOn: '', endsOn: '' })).toEqual({
      startsOn: 'required',
    });
    expect(transitionBody(pending, 'denied', grant)).toEqual({ state: 'denied', version: 2 });

    const granted = { startsOn: '2026-12-01', endsOn: null, version: 3 };
    const end = transitionValues(granted, 'ended', TODAY);
    expect(transitionBody(granted, 'ended', end)).toEqual({
      state: 'ended',
      version: 3,
      endsOn: TODAY,
    });
    expect(transitionProblems(granted, 'ended', { startsOn: '', endsOn: '' })).toEqual({
      endsOn: 'required',
    });
    expect(transitionProblems(granted, 'ended', { startsOn: '', endsOn: '2026-11-30' })).toEqual({
      endsOn: 'ends_before_start',
    });
  });
});
