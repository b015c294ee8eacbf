/**
 * Named points where a test can make the next pass fail, to prove that a
 * mutation interrupted half-way leaves nothing behind. Nothing is armed
 * unless a test arms it; in production every point is a no-op.
 */
const armed = new Set<string>();

export function armFailpoint(name: string): void {
  armed.add(name);
}

export function disarmFailpoints(): void {
  armed.clear();
}

export function failpoint(name: string): void {
  if (armed.delete(name)) throw new Error(`failure injected at ${name}`);
}
