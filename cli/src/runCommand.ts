import { ConfigError } from '@safety-graph/shared';

/**
 * Runs a command's main and exits with its code. A failure it did not handle
 * becomes one line (a configuration error says so) and `failureCode`, never
 * a stack.
 */
export function runCommand(name: string, main: () => Promise<number>, failureCode = 1): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : `${name} failed: ${(error as Error)?.message ?? String(error)}`);
      process.exit(failureCode);
    },
  );
}
