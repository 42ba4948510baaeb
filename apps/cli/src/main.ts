import { APP_VERSION } from '@crm/config';
import { Command } from 'commander';
import { registerApiKeyCommands } from './commands/api-keys';
import { registerAuditCommand } from './commands/audit';
import { registerIntegrationCommands } from './commands/integrations';
import { registerRoleCommands } from './commands/roles';
import { registerSessionCommands } from './commands/session';
import { registerSyncCommands } from './commands/sync';
import { registerUserCommands } from './commands/users';
import { CliError } from './failure';
import { colorsFor } from './output';

export function buildProgram(): Command {
  const program = new Command('crm')
    .description(
      'Command line of the CRM: sign in, manage users, roles and API keys, connect sources and run syncs, read the audit log',
    )
    .version(APP_VERSION)
    .option(
      '--profile <name>',
      'the saved connection to use (default: CRM_PROFILE, else "default")',
    )
    .option('--json', 'print the result as JSON, for scripts')
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError()
    .addHelpText(
      'after',
      '\nEnvironment:\n  CRM_URL      the server, instead of the profile\'s\n  CRM_PROFILE  the profile, instead of "default"\n  CRM_API_KEY  call with this API key instead of the profile\'s session\n',
    );
  registerSessionCommands(program);
  registerUserCommands(program);
  registerRoleCommands(program);
  registerApiKeyCommands(program);
  registerAuditCommand(program);
  registerIntegrationCommands(program);
  registerSyncCommands(program);
  return program;
}

export async function main(argv = process.argv) {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    // Anything but a CliError is a bug; its message is still one line, and the stack is noise.
    const message =
      error instanceof CliError ? error.message : String((error as Error)?.message ?? error);
    process.stderr.write(`${colorsFor(process.stderr).red('crm:')} ${message}\n`);
    process.exitCode = 1;
  }
}
