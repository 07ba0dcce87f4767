import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ProjectInfo } from './detect-project.js';
import type { InitPlan } from './plan-init.js';

function indentationOf(text: string): string | number {
  const match = /^[ \t]+(?=")/m.exec(text);
  return match ? match[0] : 2;
}

/** package.json with the plan's scripts set, keeping its indentation and final newline. */
export function withScripts(project: ProjectInfo, scripts: Readonly<Record<string, string>>): string {
  const next = { ...project.packageJson };
  next.scripts = { ...((next.scripts ?? {}) as Record<string, string>), ...scripts };
  const trailing = project.packageJsonText.endsWith('\n') ? '\n' : '';
  return JSON.stringify(next, null, indentationOf(project.packageJsonText)) + trailing;
}

/** Writes the planned files and the updated package.json. */
export async function applyInit(project: ProjectInfo, plan: InitPlan): Promise<void> {
  for (const file of plan.files) {
    const path = join(project.root, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
  }
  await writeFile(join(project.root, 'package.json'), withScripts(project, plan.scripts));
}
