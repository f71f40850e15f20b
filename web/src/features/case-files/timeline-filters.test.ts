import { describe, expect, it } from 'vitest';
import {
  ALL_OF_THE_TIMELINE,
  isFiltered,
  timelineFilterProblem,
  timelineSearch,
} from './timeline-filters';

const PRO = '2ee69b55-b558-4b0e-b325-07d9433ccec4';

describe('the timeline filters', () => {
  it('ask for everything without saying the kinds', () => {
    expect(timelineSearch(ALL_OF_THE_TIMELINE, null, 50)).toBe('limit=50');
    expect(isFiltered(ALL_OF_THE_TIMELINE)).toBe(false);
  });

  it('name the kinds in the API order, the professional, the period and the cursor', () => {
    const filters = {
      kinds: ['resource' as const, 'demand' as const],
      professionalId: PRO,
      from: '2026-01-01',
      to: '2026-06-30',
    };
    const params = new URLSearchParams(timelineSearch(filters, 'abc', 50));
    expect(params.get('kinds')).toBe('demand,resource');
    expect(params.get('professionalId')).toBe(PRO);
    expect(params.get('from')).toBe('2026-01-01');
    expect(params.get('to')).toBe('2026-06-30');
    expect(params.get('cursor')).toBe('abc');
    expect(isFiltered(filters)).toBe(true);
  });

  it('cannot be asked with no kind or a period that ends before it starts', () => {
    expect(timelineFilterProblem({ ...ALL_OF_THE_TIMELINE, kinds: [] })).toBe('no_kinds');
    expect(
      timelineFilterProblem({ ...ALL_OF_THE_TIMELINE, from: '2026-02-01', to: '2026-01-31' }),
    ).toBe('period');
    expect(
      timelineFilterProblem({ ...ALL_OF_THE_TIMELINE, from: '2026-02-01', to: '2026-02-01' }),
    ).toBeNull();
  });
});
