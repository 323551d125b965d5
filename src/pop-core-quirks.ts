// Imported by pop-client.ts before pop-core. (Its `debug` dependency, which would print signed request bodies
// under DEBUG=httpx:*, is replaced in the bundle: see src/stubs/debug.cjs.)
//
// pop-core's HTTP layer (httpx) parses the endpoint with url.parse(). Node 24 warns about that (DEP0169) for code
// outside node_modules, which a bundle is, on every run. The URL it parses is one this action built and checked,
// so the warning says nothing a user can act on; every other warning still goes through.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const [typeOrOptions, code] = rest;
  const warningCode = typeof typeOrOptions === 'object' && typeOrOptions !== null ? (typeOrOptions as { code?: string }).code : code;
  if (warningCode === 'DEP0169') return;
  (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;
