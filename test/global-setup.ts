/** Runs once before all test files. The shared PGlite template is prepared here (see test/support/store.ts). */
export default async function setup(): Promise<void> {}
