// Text files bundled into the server and postmortem-check (host/defaultTemplate.ts) by esbuild's text loader (see scripts/build.mjs).
declare module '*.md' {
  const text: string;
  export default text;
}
declare module '*.yaml' {
  const text: string;
  export default text;
}
