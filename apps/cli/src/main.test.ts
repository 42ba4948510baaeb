import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './main';

function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}

describe('crm --help', () => {
  const commands = everyCommand(buildProgram()).filter((c) => c.name() !== 'help');

  it('covers the commands of the brief', () => {
    const paths = commands.map((c) =>
      c.parent?.parent ? `${c.parent.name()} ${c.name()}` : c.name(),
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'login',
        'logout',
        'whoami',
        'users add',
        'users list',
        'users show',
        'users disable',
        'users enable',
        'users set-roles',
        'roles list',
        'roles create',
        'api-keys create',
        'api-keys list',
        'api-keys revoke',
        'audit',
      ]),
    );
  });

  it.each(commands.map((c) => [c.name(), c] as const))(
    'describes %s, with --json and --profile',
    (_name, command) => {
      const help = command.helpInformation();
      expect(command.description()).not.toBe('');
      expect(help).toContain(command.description().split('\n')[0]!.slice(0, 30));
      expect(help).toMatch(/--json/);
      expect(help).toMatch(/--profile <name>/);
    },
  );
});
