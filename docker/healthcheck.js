// HEALTHCHECK of the image: asks the service this container runs (told by its
// command line, PID 1) for /health on its port. Exit 0 healthy, 1 not.
const { readFileSync } = require('node:fs');

const PORTS = {
  gateway: ['PORT', 4000],
  agencies: ['AGENCIES_PORT', 4001],
  agreements: ['AGREEMENTS_PORT', 4002],
  traffic: ['TRAFFIC_PORT', 4003],
  addiction: ['ADDICTION_PORT', 4004],
  divorce: ['DIVORCE_PORT', 4005],
};

function serviceOf(commandLine) {
  const script = commandLine.find((part) => part.endsWith('/dist/main.js')) ?? '';
  return /subgraphs\/([a-z]+)\//.exec(script)?.[1] ?? 'gateway';
}

let commandLine = [];
try {
  commandLine = readFileSync('/proc/1/cmdline', 'utf8').split('\0');
} catch {
  // not on Linux: the gateway
}
// `node docker/healthcheck.js traffic` names the service outright (tests, or a shell in the container).
const [variable, fallback] = PORTS[process.argv[2] ?? serviceOf(commandLine)] ?? PORTS.gateway;
const port = Number(process.env[variable] || fallback);
fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2500) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
