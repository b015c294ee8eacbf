import { dirname, join } from 'node:path';
import type { InstrumentationBase } from '@opentelemetry/instrumentation';

/**
 * Jest loads node_modules through its own module registry, past the require
 * hooks the OpenTelemetry instrumentations install in a real process, so they
 * never see graphql or mysql2 in a test. This applies each instrumentation's
 * own patches to the modules as Jest loaded them (the instances the stack under
 * test uses), which is what the hooks do when a service's main loads them.
 */
export function instrumentJestModules(instrumentations: unknown[]): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  for (const instrumentation of instrumentations as InstrumentationBase[]) {
    for (const definition of instrumentation.getModuleDefinitions()) {
      const packageJson = require.resolve(`${definition.name}/package.json`);
      const { version } = require(packageJson) as { version: string };
      definition.patch?.(require(definition.name), version);
      for (const file of definition.files) {
        file.patch(require(join(dirname(packageJson), file.name.slice(definition.name.length + 1))), version);
      }
    }
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}
