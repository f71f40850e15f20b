import { afterEach, describe, expect, it, vi } from 'vitest';

// The client's translations load the whole console's i18n: only the error words are needed.
vi.mock('../../lib/i18n', () => ({
  currentLanguage: () => 'en',
  i18n: { t: (key: string) => key },
}));
vi.hoisted(() => {
  Object.assign(globalThis, {
    navigator: { language: 'en', userAgent: 'Firefox/140' },
    window: globalThis,
    location: { pathname: '/case-files' },
  });
});
import { apiRequest, lastFailedRequest } from '../../lib/api-client';
import { collectDiagnostics, storedDiagnostics } from './diagnostics';

afterEach(() => {
  vi.restoreAllMocks();
});

function answer(status: number, headers: Record<string, string> = {}) {
  return new Response(status === 204 ? null : JSON.stringify({}), { status, headers });
}

describe("the api client's record of the last failed request", () => {
  it('keeps the request id, method, path (without its query) and status; successes leave it', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(answer(500, { 'x-request-id': 'req-1' }))
      .mockResolvedValueOnce(answer(204));
    vi.spyOn(globalThis, 'fetch').mockImplementation(fetch);

    await expect(
      apiRequest('/api/exports?q=Garcia', { method: 'POST', body: {} }),
    ).rejects.toThrow();
    const failed = lastFailedRequest();
    expect(failed).toMatchObject({ requestId: 'req-1', request: 'POST /api/exports → 500' });
    expect(failed?.request).not.toContain('Garcia');
    expect(Number.isNaN(Date.parse(failed?.at ?? ''))).toBe(false);

    await apiRequest('/api/me');
    expect(lastFailedRequest()).toEqual(failed);
  });

  it('records a request that never reached the server', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(
      vi.fn().mockRejectedValue(new TypeError('Failed to fetch')),
    );
    await expect(apiRequest('/api/persons?q=x')).rejects.toMatchObject({
      code: 'network.unreachable',
    });
    expect(lastFailedRequest()).toMatchObject({
      requestId: null,
      request: 'GET /api/persons → network',
    });
  });

  it("goes into a ticket's diagnostics with the page, the browser and the time", async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(
      vi.fn().mockResolvedValue(answer(502, { 'x-request-id': 'req-2' })),
    );
    await expect(apiRequest('/api/case-files/export')).rejects.toThrow();
    const diagnostics = collectDiagnostics(new Date('2026-12-07T05:00:00Z'));
    expect(diagnostics).toMatchObject({
      requestId: 'req-2',
      page: '/case-files',
      userAgent: 'Firefox/140',
      at: '2026-12-07T05:00:00.000Z',
    });
    expect(diagnostics.request).toMatch(/^GET \/api\/case-files\/export → 502 \(/);
  });
});

describe("a sent ticket's diagnostics", () => {
  const sent = {
    requestId: 'req-3',
    request: 'GET /api/case-files/export → 500',
    page: '/case-files',
    userAgent: 'Firefox/140',
    at: '2026-12-07T05:00:00.000Z',
  };

  it('are read with what the server added (the entity and the user), which are not shown', () => {
    const stored = {
      ...sent,
      entity: { id: 'e-1', code: 'ABC' },
      user: { id: 'u-1', username: 'anna' },
    };
    expect(storedDiagnostics(stored)).toEqual(sent);
  });

  it('are none when a key shown is missing', () => {
    expect(storedDiagnostics({ ...sent, page: undefined })).toBeNull();
    expect(storedDiagnostics(undefined)).toBeNull();
  });
});
