/**
 * What the language server's environment changes from the extension host's.
 *
 * NODE_EXTRA_CA_CERTS (set by many corporate and proxy set-ups) makes Node read and parse a
 * certificate bundle before it runs a line of the server: on a 2-core machine `node -e 0` took
 * 100 ms with Debian's bundle named there and 60 ms without, and the server's spawn to
 * `initialize` result 171 ms against 133 ms. The server opens no network connection, so the
 * certificates are never used. An undefined value removes the variable: the language client
 * copies these keys over the host's environment, and Node's spawn leaves out undefined values.
 */
export const serverEnvironment: Readonly<Record<string, string | undefined>> = {
  NODE_EXTRA_CA_CERTS: undefined,
};

/** `base` as the server gets it: for the bench and tests that start the server themselves. */
export function serverEnvironmentFrom(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...base, ...serverEnvironment };
}
