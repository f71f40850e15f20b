import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { professionals } from '../../db/schema';
import { createPersonSchema, updatePersonSchema } from '@caliu/common';
import { buildTestApp, login } from '../../testing/app';
import { testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';

/** What the person forms of the console rely on. */
describe('person forms', () => {
  it('offers active technicians and coordinators as referents, with their teams', async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const aux = await createTestProfessional(db, entity, { roles: ['aux_admin'] });
    const tech = await createTestProfessional(db, entity, {
      roles: ['tech_eaia'],
      teams: [entity.teams.south],
    });
    const coordinator = await createTestProfessional(db, entity, {
      roles: ['coordinator'],
      coordinates: [entity.teams.north],
    });
    const gone = await createTestProfessional(db, entity, { roles: ['tech_ssb'] });
    await db.tenant(entity.id, (tx) =>
      tx.update(professionals).set({ active: false }).where(eq(professionals.id, gone.id)),
    );
    const session = await login(app, entity.code, aux.username);
    const res = await app.inject({
      method: 'GET',
      url: '/api/persons/referents',
      headers: session.headers(),
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; teamIds: string[] }[];
    expect(items.map((i) => i.id).sort()).toEqual([tech.id, coordinator.id].sort());
    expect(items.find((i) => i.id === tech.id)?.teamIds).toEqual([entity.teams.south]);
  });

  it('validates as the user types with the shared schema, naming the message of each rule', () => {
    const result = createPersonSchema.safeParse({
      givenName: 'Núria',
      documentType: 'dni',
      documentNumber: '12345678A',
      consentSms: true,
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => ({
      path: i.path.join('.'),
      key: (i as { params?: { i18n?: string } }).params?.i18n ?? i.code,
    }));
    // The cross-field rules run even while other fields are still missing.
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'firstSurname', key: 'invalid_type' },
        { path: 'documentNumber', key: 'dni_check_letter' },
        { path: 'consentSms', key: 'consent_sms_needs_mobile' },
      ]),
    );
    const patch = updatePersonSchema.safeParse({ documentNumber: 'X1234567L' });
    expect(patch.error?.issues[0]).toMatchObject({
      path: ['documentType'],
      params: { i18n: 'document_together' },
    });
    expect(
      updatePersonSchema.safeParse({ documentType: 'nie', documentNumber: 'x-1234567-l' }).success,
    ).toBe(true);
  });
});
