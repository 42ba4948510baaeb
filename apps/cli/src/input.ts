import { input, password } from '@inquirer/prompts';
import { CliError } from './failure';

/** All of standard input, without the newline that `echo` or a here-string adds. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function requireTerminal(what: string, flag: string) {
  if (!process.stdin.isTTY) throw new CliError(`no terminal to type ${what} in; pass ${flag}`);
}

export async function askEmail(suggested?: string): Promise<string> {
  requireTerminal('the email', '--email');
  return input({ message: 'Email', default: suggested, required: true });
}

/** A secret (token) from standard input when asked, else typed at the terminal, hidden. */
export async function readSecret(options: { fromStdin?: boolean; message: string; flag: string }): Promise<string> {
  if (options.fromStdin) return readStdin();
  requireTerminal(options.message.toLowerCase(), options.flag);
  return password({ message: options.message, mask: '*' });
}

/** Yes or no at the terminal; `fallback` when there is none to ask at. */
export async function confirmAtTerminal(message: string, fallback: boolean): Promise<boolean> {
  if (!process.stdin.isTTY) return fallback;
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message, default: fallback });
}

/** A password from standard input when asked, else typed at the terminal (twice for a new one). */
export async function readPassword(options: {
  fromStdin?: boolean;
  message: string;
  confirm?: boolean;
}): Promise<string> {
  if (options.fromStdin) return readStdin();
  requireTerminal('the password', '--password-stdin');
  const first = await password({ message: options.message, mask: '*' });
  if (options.confirm && (await password({ message: 'Repeat it', mask: '*' })) !== first) {
    throw new CliError('the passwords differ');
  }
  return first;
}
