import readline from 'node:readline';
import { Writable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { CliError } from './cli-error.ts';

/** `--password-stdin`: all of standard input, less one trailing newline (what `echo` or a here-string adds). */
export async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) return promptHidden('Password: ');
  return (await text(process.stdin)).replace(/\r?\n$/, '');
}

/** Asks twice in a terminal, without echo. */
export async function promptNewPassword(): Promise<string> {
  const password = await promptHidden('Password: ');
  const again = await promptHidden('Repeat the password: ');
  if (password !== again) throw new CliError('The two passwords differ.');
  return password;
}

/**
 * readline in terminal mode puts the TTY in raw mode and echoes through `output`; a sink there
 * means the keys typed never reach the screen. The prompt goes to stderr so stdout stays clean.
 */
function promptHidden(prompt: string): Promise<string> {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = readline.createInterface({ input: process.stdin, output: sink, terminal: true });
  process.stderr.write(prompt);
  return new Promise<string>((resolve, reject) => {
    let answered = false;
    // Ctrl-C, or Ctrl-D on an empty line, closes without an answer.
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      process.stderr.write('\n');
      if (!answered) reject(new CliError('Cancelled.'));
    });
    rl.question('', (answer) => {
      answered = true;
      resolve(answer);
      rl.close();
    });
  });
}
