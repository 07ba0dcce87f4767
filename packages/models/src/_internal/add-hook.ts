import type { Model, ModelStatic } from 'sequelize';

// biome-ignore lint/suspicious/noExplicitAny: Sequelize hook signatures differ per hook type.
type AnyHook = (...args: any[]) => unknown;

/** Adds a named hook to a model; the name lets a test or a user remove it. */
export function addHook(model: ModelStatic<Model>, type: string, name: string, fn: AnyHook): void {
  (model as unknown as { addHook(type: string, name: string, fn: AnyHook): void }).addHook(type, name, fn);
}
