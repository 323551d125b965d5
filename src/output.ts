// Everything the action tells the runner, in one place: every line, output and failure is redacted on its way out.
import * as core from '@actions/core';
import type { Redact } from './redact.js';

export interface Output {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  /** Sets a step output. */
  set(name: string, value: string): void;
  /** Fails the step with this message. */
  fail(message: string): void;
}

/** The runner's channels (log, debug log, outputs, failure), each behind `redact`. */
export function createOutput(redact: Redact): Output {
  return {
    info: (message) => core.info(redact(message)),
    warning: (message) => core.warning(redact(message)),
    debug: (message) => core.debug(redact(message)),
    set: (name, value) => core.setOutput(name, redact(value)),
    fail: (message) => core.setFailed(redact(message)),
  };
}
