declare module 'pg/lib/utils.js' {
  /** How `pg` turns a parameter into its text form: arrays as array literals, objects as JSON, dates as timestamps. */
  export function prepareValue(value: unknown): string | Buffer | null;
  const utils: { prepareValue: typeof prepareValue };
  export default utils;
}
