import packageJson from '../package.json';

/** The version of @dalkit/cli, as printed by `dalkit --version` and written into backups. */
export const CLI_VERSION: string = packageJson.version;
