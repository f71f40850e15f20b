import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '@caliu/common';
import { listeningNote, loadConfig } from '../config';
import { buildTestApp, TEST_PASSWORD } from '../testing/app';
import { testDatabase } from '../testing/database';
import { createTestEntity, createTestProfessional } from '../testing/factories';

const HSTS = 'strict-transport-security';

describe('transport security headers', () => {
  it('sends HSTS whenever the request came over TLS, behind a trusted proxy too', async () => {
    const cases: { env: NodeJS.ProcessEnv; proto?: string; hsts: boolean }[] = [
      // COOKIE_SECURE=auto (the default), no proxy trusted: plain HTTP, and a forged header.
      { env: {}, hsts: false },
      { env: {}, proto: 'https', hsts: false },
      // Behind a trusted proxy that terminated TLS: its X-Forwarded-Proto is believed.
      { env: { TRUST_PROXY: '127.0.0.1' }, proto: 'https', hsts: true },
      { env: { TRUST_PROXY: '127.0.0.1' }, proto: 'http', hsts: false },
      // COOKIE_SECURE=true: every request is over TLS; false: none is.
      { env: { COOKIE_SECURE: 'true' }, hsts: true },
      { env: { COOKIE_SECURE: 'false', TRUST_PROXY: '127.0.0.1' }, proto: 'https', hsts: false },
    ];
    for (const c of cases) {
      const { app } = await buildTestApp({ env: c.env });
      const response = await app.inject({
        method: 'GET',
        url: '/api/health',
        headers: c.proto ? { 'x-forwarded-proto': c.proto } : {},
      });
      expect({ ...c, hsts: Boolean(response.headers[HSTS]) }).toEqual(c);
      if (c.hsts) expect(response.headers[HSTS]).toMatch(/^max-age=\d{7,}/);
      await app.close();
    }
  });

  it('marks the session cookie Secure behind a trusted TLS proxy, with HSTS', async () => {
    const { app } = await buildTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const pro = await createTestProfessional(db, entity, { roles: ['tech_ssb'] });
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { entity: entity.code, username: pro.username, password: TEST_PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBe(true);
    expect(response.headers[HSTS]).toBeDefined();
    await app.close();
  });

  it('states one framing policy in both headers: never framed', async () => {
    const { app } = await buildTestApp();
    for (const url of ['/api/health', '/api/me', '/api/no-such-route', '/some/page']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    await app.close();
  });
});

describe('where npm start listens', () => {
  it('in demo mode, on 127.0.0.1 unless HOST is set, and says so', () => {
    const demo = loadConfig({ CALIU_DEMO: '1' });
    expect(demo.host).toBe('127.0.0.1');
    expect(listeningNote(demo)).toMatch(/127\.0\.0\.1 only .*demo passwords are public.*HOST/);
    const chosen = loadConfig({ CALIU_DEMO: '1', HOST: '0.0.0.0' });
    expect(chosen.host).toBe('0.0.0.0');
    expect(listeningNote(chosen)).toMatch(/0\.0\.0\.0 \(HOST\)/);
    const production = loadConfig({ CALIU_DEMO: '0', SMTP_URL: 'smtp://127.0.0.1:25' });
    expect(production.host).toBe('0.0.0.0');
  });
});
