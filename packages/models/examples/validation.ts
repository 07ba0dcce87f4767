// Rules run before any SQL and report every failing field at once.
import { isDalkitError, type ValidationError } from '@dalkit/connection';
import { modelConstraints } from '@dalkit/models';
import { Order, Product } from './models.js';

export async function validation() {
  try {
    await Product.create({ sku: 'not-a-sku' });
    return { issues: [] };
  } catch (error) {
    if (!isDalkitError(error, 'VALIDATION_FAILED')) throw error;
    const { issues } = error as ValidationError;
    return {
      issues,
      // What a migration for `orders` has to declare:
      orderConstraints: modelConstraints(Order).map(
        (c) => `${c.kind} ${'columns' in c ? c.columns.join(',') : c.name}`,
      ),
    };
  }
}
