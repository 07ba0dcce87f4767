// Encrypted columns: ciphertext at rest, plaintext in the app, blind-index lookups, key rotation.
import type { Database } from '@dalkit/connection';
import { blindIndexWhere, reencrypt, registerModels } from '@dalkit/models';
import { Customer, SHOP_MODELS } from './models.js';
import { KEY_RING } from './register-and-audit.js';

export async function encryption(db: Database) {
  await Customer.create({ name: 'Grace', email: 'Grace@Example.com' });
  const [row] = await db.query<{ email: string }>('SELECT email FROM customers WHERE name = $1', {
    bind: ['Grace'],
  });
  const grace = await Customer.findOne({ where: blindIndexWhere(Customer, 'email', 'grace@example.com') });

  // Rotation: add a new active key, keep the old one until reencrypt() has run.
  const rotated = {
    ...KEY_RING,
    keys: { ...KEY_RING.keys, '2026-07': Buffer.alloc(32, 3).toString('base64') },
    activeKeyId: '2026-07',
  };
  registerModels(db, SHOP_MODELS, { encryption: rotated });
  const result = await reencrypt(Customer);
  const [after] = await db.query<{ email: string }>('SELECT email FROM customers WHERE name = $1', {
    bind: ['Grace'],
  });

  return {
    storedPrefix: row?.email.split(':').slice(0, 2).join(':'),
    appReads: grace?.email,
    reencrypted: result.reencrypted,
    storedPrefixAfterRotation: after?.email.split(':').slice(0, 2).join(':'),
  };
}
