import { ErrorCode, isDalkitError, mapDatabaseError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { beforeEach, expect, it } from 'vitest';
import { blindIndexWhere, reencrypt, registerModels } from '../../src/index.js';
import { Patient, RING_1, RING_2, RING_2_ONLY } from '../support/encryption-models.js';
import { useModels } from '../support/open-database.js';

interface RawPatient {
  id: string;
  email: string;
  email_blind_index: string;
  diagnosis: string | null;
}

describeEachTarget('encrypted columns', (suite) => {
  const ctx = useModels(suite, [Patient], { encryption: RING_1 });
  const raw = () =>
    ctx.db.query<RawPatient>('SELECT id, email, email_blind_index, diagnosis FROM patients ORDER BY name');
  beforeEach(async () => {
    registerModels(ctx.db, [Patient], { encryption: RING_1 });
    await Patient.destroy({ where: {}, truncate: true });
  });

  it('should store ciphertext only and give the application plaintext', async () => {
    const created = await Patient.create({ name: 'Ada', email: 'ada@example.com', diagnosis: 'flu' });
    expect(created.email).toBe('ada@example.com');
    const [row] = await raw();
    expect(row?.email).toMatch(/^dk1:k1:/);
    expect(row?.diagnosis).toMatch(/^dk1:k1:/);
    expect(JSON.stringify(row)).not.toContain('ada@example.com');
    expect(JSON.stringify(row)).not.toContain('flu');
    const loaded = await Patient.findByPk(created.id, { rejectOnEmpty: true });
    expect(loaded.email).toBe('ada@example.com');
    expect(loaded.diagnosis).toBe('flu');
    expect(loaded.toJSON()).toMatchObject({ email: 'ada@example.com', diagnosis: 'flu' });
  });

  it('should encrypt values written by bulkCreate and by a bulk Model.update', async () => {
    await Patient.bulkCreate([
      { name: 'A', email: 'a@example.com' },
      { name: 'B', email: 'b@example.com', diagnosis: 'cold' },
    ]);
    await Patient.update({ diagnosis: 'healthy', email: 'new-a@example.com' }, { where: { name: 'A' } });
    const rows = await raw();
    expect(rows.every((r) => r.email.startsWith('dk1:') && r.diagnosis?.startsWith('dk1:'))).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/healthy|cold|example\.com/);
    const a = await Patient.findOne({
      where: blindIndexWhere(Patient, 'email', 'new-a@example.com'),
      rejectOnEmpty: true,
    });
    expect(a.diagnosis).toBe('healthy');
  });

  it('should find a row by equality through the blind index, normalised', async () => {
    await Patient.bulkCreate([
      { name: 'Ada', email: 'Ada@Example.com' },
      { name: 'Bob', email: 'bob@example.com' },
    ]);
    const found = await Patient.findAll({ where: blindIndexWhere(Patient, 'email', '  ada@example.COM ') });
    expect(found.map((p) => p.name)).toEqual(['Ada']);
    const [row] = await raw();
    expect(row?.email_blind_index).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should keep encrypted values unique through a unique blind index', async () => {
    await Patient.create({ name: 'Ada', email: 'ada@example.com' });
    const error = await Patient.create({ name: 'Ada 2', email: 'ADA@example.com' }).catch((e: unknown) => e);
    expect(isDalkitError(mapDatabaseError(error), ErrorCode.UNIQUE_VIOLATION)).toBe(true);
    expect(await Patient.count()).toBe(1);
  });

  it('should refuse a where clause on an encrypted attribute and say how to search', async () => {
    const error = await Patient.findAll({ where: { email: 'ada@example.com' } }).catch((e: unknown) => e);
    expect(isDalkitError(error, ErrorCode.VALIDATION_FAILED)).toBe(true);
    expect((error as Error).message).toContain('blindIndexWhere(Patient');
  });

  it('should validate the plaintext, not the ciphertext', async () => {
    const error = await Patient.create({ name: 'X', email: 'not an email' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ issues: [{ path: 'email', rule: 'email' }] });
  });

  it('should not rewrite a value set to the plaintext it already holds', async () => {
    const patient = await Patient.create({ name: 'Ada', email: 'ada@example.com' });
    patient.email = 'ada@example.com';
    expect(patient.changed()).toBe(false);
  });

  it('should detect tampered ciphertext instead of returning garbage', async () => {
    const patient = await Patient.create({ name: 'Ada', email: 'ada@example.com', diagnosis: 'flu' });
    const [row] = await raw();
    const parts = String(row?.diagnosis).split(':');
    const flipped = Buffer.from(parts[4] ?? '', 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 0xff;
    const tampered = [...parts.slice(0, 4), flipped.toString('base64url')].join(':');
    await ctx.db.query('UPDATE patients SET diagnosis = $1 WHERE id = $2', { bind: [tampered, patient.id] });
    const loaded = await Patient.findByPk(patient.id, { rejectOnEmpty: true });
    expect(loaded.email).toBe('ada@example.com');
    expect(() => loaded.diagnosis).toThrow(expect.objectContaining({ code: 'ENCRYPTION_FAILED' }));
  });

  it('should refuse to read a value whose key is not on the ring', async () => {
    const patient = await Patient.create({ name: 'Ada', email: 'ada@example.com' });
    registerModels(ctx.db, [Patient], { encryption: RING_2_ONLY });
    const loaded = await Patient.findByPk(patient.id, { rejectOnEmpty: true });
    expect(() => loaded.email).toThrow(expect.objectContaining({ code: 'ENCRYPTION_FAILED' }));
  });

  it('should rotate keys: old rows still read, new writes use the active key, reencrypt rewrites the rest', async () => {
    await Patient.bulkCreate([
      { name: 'A', email: 'a@example.com', diagnosis: 'x' },
      { name: 'B', email: 'b@example.com' },
      { name: 'C', email: 'c@example.com', diagnosis: 'z' },
    ]);
    const updatedAtBefore = (await Patient.findAll({ order: [['name', 'ASC']] })).map((p) =>
      p.updatedAt.getTime(),
    );
    registerModels(ctx.db, [Patient], { encryption: RING_2 });
    expect((await Patient.findOne({ where: { name: 'B' }, rejectOnEmpty: true })).email).toBe(
      'b@example.com',
    );
    await Patient.create({ name: 'D', email: 'd@example.com' });
    expect((await raw()).map((r) => r.email.split(':')[1])).toEqual(['k1', 'k1', 'k1', 'k2']);

    const result = await reencrypt(Patient, { batchSize: 2 });
    expect(result).toEqual({ scanned: 4, reencrypted: 3 });
    const rows = await raw();
    expect(
      rows
        .flatMap((r) => [r.email, r.diagnosis])
        .filter(Boolean)
        .every((v) => v?.startsWith('dk1:k2:')),
    ).toBe(true);
    expect(await reencrypt(Patient)).toEqual({ scanned: 4, reencrypted: 0 });

    registerModels(ctx.db, [Patient], { encryption: RING_2_ONLY });
    const all = await Patient.findAll({ order: [['name', 'ASC']] });
    expect(all.map((p) => [p.email, p.diagnosis])).toEqual([
      ['a@example.com', 'x'],
      ['b@example.com', null],
      ['c@example.com', 'z'],
      ['d@example.com', null],
    ]);
    expect(all.slice(0, 3).map((p) => p.updatedAt.getTime())).toEqual(updatedAtBefore);
    expect(
      (await Patient.findAll({ where: blindIndexWhere(Patient, 'email', 'c@example.com') })).length,
    ).toBe(1);
  });

  it('should refuse to register an encrypted model without a key ring, leaving the registration as it was', async () => {
    await Patient.create({ name: 'Ada', email: 'ada@example.com' });
    expect(() => registerModels(ctx.db, [Patient])).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect((await Patient.findOne({ rejectOnEmpty: true })).email).toBe('ada@example.com');
  });
});
