import { type Command, Option } from 'commander';
import { addExamples } from '../_internal/add-examples.js';
import type { CliContext } from '../context.js';
import { collectParam, parseScale, parseSeedList, type SeedFlags, withSeeder } from './seed/open-seeder.js';
import { renderReset, renderRun, renderStatus } from './seed/render.js';

const seedsOption = () => new Option('--seeds <dir>', 'seed files folder').default('seeds');
const onlyOption = () =>
  new Option('--only <names>', 'only these seeds, comma-separated').argParser(parseSeedList);
const forceEnvironmentOption = () =>
  new Option('--force-environment', 'act even though the database was last seeded under another environment');
const scaleOption = () =>
  new Option('--scale <n>', 'size factor for generated data (ctx.params.scale)').argParser(parseScale);
const paramOption = () =>
  new Option('--param <key=value>', 'a value for ctx.params (repeatable)').argParser(collectParam);

type RunFlags = SeedFlags & { only?: string[]; deps?: boolean; forceEnvironment?: boolean };
type ResetFlags = RunFlags & { forceProduction?: boolean };

/** Registers `dalkit seed` and its subcommands: run, reset, status. */
export function registerSeedCommand(program: Command, context: CliContext): Command {
  const seed = program
    .command('seed')
    .description('run, reset and inspect seed data (tracked in dalkit_seeds)');
  const out = () => context.output;

  seed
    .command('run')
    .description(
      'run, in dependency order, the seeds of this environment that have not run (or changed, with runOnChange)',
    )
    .addOption(seedsOption())
    .addOption(onlyOption())
    .option('--no-deps', 'with --only: do not run the seeds they depend on')
    .addOption(forceEnvironmentOption())
    .addOption(scaleOption())
    .addOption(paramOption())
    .action(async (flags: RunFlags) => {
      const result = await withSeeder(context, flags, (s) =>
        s.run({
          ...(flags.only ? { only: flags.only } : {}),
          noDeps: flags.deps === false,
          forceEnvironment: flags.forceEnvironment === true,
        }),
      );
      out().result({ command: 'seed run', ...result }, (c) => renderRun(result, c));
    });

  seed
    .command('reset')
    .description('empty the seeded tables (dependents first; never the history tables), then seed again')
    .addOption(seedsOption())
    .addOption(onlyOption())
    .option('--force-production', 'allow reset in production (also DALKIT_FORCE_PRODUCTION=1)')
    .addOption(forceEnvironmentOption())
    .addOption(scaleOption())
    .addOption(paramOption())
    .action(async (flags: ResetFlags) => {
      const result = await withSeeder(context, flags, (s) =>
        s.reset({
          ...(flags.only ? { only: flags.only } : {}),
          forceProduction: flags.forceProduction === true,
          forceEnvironment: flags.forceEnvironment === true,
        }),
      );
      for (const warning of result.warnings) out().warn(warning);
      out().result({ command: 'seed reset', ...result }, (c) => renderReset(result, c));
    });

  seed
    .command('status')
    .description('list each seed as ran, pending, changed, excluded (other environment) or missing')
    .addOption(seedsOption())
    .action(async (flags: SeedFlags) => {
      const { environment, seeds } = await withSeeder(context, flags, async (s) => ({
        environment: s.environment,
        seeds: await s.status(),
      }));
      out().result({ command: 'seed status', environment, seeds }, (c) =>
        renderStatus(environment, seeds, c),
      );
    });

  addExamples(seed, [
    ['dalkit seed run', 'run the pending seeds of this environment'],
    ['dalkit seed run --only users --no-deps', 'run one seed, without its dependencies'],
    ['dalkit seed run --scale 10', 'ten times more generated sample data'],
    ['dalkit seed status --env test', 'what has run in the test environment'],
    ['dalkit seed reset --force-production', 'empty and reseed, even in production'],
  ]);
  return seed;
}
