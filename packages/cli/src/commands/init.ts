import { OperationRefusedError, redactUrl } from '@dalkit/connection';
import type { Command } from 'commander';
import { addExamples } from '../_internal/add-examples.js';
import { createPrompter, type Prompter } from '../_internal/prompter.js';
import type { CliContext } from '../context.js';
import { applyInit } from './init/apply-init.js';
import { chooseDatabase, INIT_DIALECTS } from './init/choose-database.js';
import { detectProject } from './init/detect-project.js';
import { planInit } from './init/plan-init.js';
import { withoutPassword } from './init/templates.js';

interface InitFlags {
  dialect?: string;
  url?: string;
  yes?: boolean;
  force?: boolean;
}

function nextSteps(dialect: string, hadPassword: boolean, keptFolders: readonly string[]): string[] {
  const steps: string[] = [];
  if (hadPassword)
    steps.push(
      'Set DB_PASSWORD (or DATABASE_URL) in your environment: the password was not written to the config file.',
    );
  const packages =
    dialect === 'embedded'
      ? '@dalkit/connection @dalkit/migrations @dalkit/seeds sequelize pg @electric-sql/pglite @electric-sql/pglite-socket'
      : `@dalkit/connection @dalkit/migrations @dalkit/seeds sequelize ${dialect === 'postgres' ? 'pg' : 'mysql2'}`;
  steps.push(`Install the runtime packages: npm install ${packages}`);
  if (dialect === 'embedded')
    steps.push('Add .dalkit/ and .dalkit.lock (the embedded data folder and its lock file) to .gitignore');
  steps.push('Check the connection: npm run db:check');
  if (!keptFolders.includes('migrations')) steps.push('Apply the example migration: npm run db:migrate');
  if (!keptFolders.includes('seeds')) steps.push('Load the example seed: npm run db:seed');
  return steps;
}

/** Registers `dalkit init`: sets dalkit up in an existing Node project. */
export function registerInitCommand(program: Command, context: CliContext): Command {
  const command = program
    .command('init')
    .description('set up dalkit in this project: config file, migrations/, seeds/ and db:* scripts')
    .option('--dialect <name>', `database to use: ${INIT_DIALECTS.join(', ')}`)
    .option('--url <url>', 'connection URL (its password is never written to the config file)')
    .option('-y, --yes', 'ask nothing: take the flags and the defaults')
    .option('--force', 'overwrite an existing dalkit.config.* and differing db:* scripts')
    .action(async (flags: InitFlags) => {
      const { output } = context;
      const project = await detectProject(context.io.cwd);
      const interactive = flags.yes !== true && (flags.dialect === undefined || flags.url === undefined);
      const prompter: Prompter | undefined = interactive
        ? createPrompter(context.io.stdin, context.io.stderr)
        : undefined;
      const choice = await chooseDatabase(flags, prompter, project.name).finally(() => prompter?.close());
      output.addSecret(new URL(choice.url).password || undefined);
      const plan = await planInit(project, choice, new Date());
      if (plan.conflicts.length > 0 && flags.force !== true) {
        throw new OperationRefusedError(`dalkit init would overwrite ${plan.conflicts.join(', ')}`, {
          details: {
            conflicts: plan.conflicts,
            hint: 'Nothing was written. Run again with --force to overwrite.',
          },
        });
      }
      await applyInit(project, plan);
      const { hadPassword } = withoutPassword(choice.url);
      const steps = nextSteps(choice.dialect, hadPassword, plan.keptFolders);
      output.result(
        {
          command: 'init',
          dialect: choice.dialect,
          url: redactUrl(choice.url),
          language: plan.language,
          files: plan.files.map((file) => file.path),
          keptFolders: plan.keptFolders,
          scripts: plan.scripts,
          overwritten: flags.force === true ? plan.conflicts : [],
          nextSteps: steps,
        },
        (c) => [
          `${c.green('✔')} dalkit is set up for ${c.bold(choice.dialect)} (${plan.language})`,
          ...plan.files.map((file) => `  created ${file.path}`),
          ...plan.keptFolders.map((folder) => `  kept    ${folder}/ (it already has files)`),
          `  scripts ${Object.keys(plan.scripts).join(', ')}`,
          '',
          c.bold('Next steps:'),
          ...steps.map((step, index) => `  ${index + 1}. ${step}`),
        ],
      );
    });
  return addExamples(command, [
    ['dalkit init', 'asks for the database and its URL'],
    [
      'dalkit init --dialect postgres --url postgres://app@localhost:5432/shop --yes',
      'no questions (CI, scripts)',
    ],
    ['dalkit init --dialect embedded --yes', 'embedded PostgreSQL, nothing to install'],
    ["printf 'mariadb\\nmariadb://root@localhost:3306/shop\\n' | dalkit init", 'answers piped in'],
  ]);
}
