import { dirname } from 'node:path';

/**
 * The message of an error from fs, yauzl or zlib, with the server's path to the file replaced by the file's name:
 * an upload lives in a temporary folder whose path says nothing to the user and tells an attacker where it is.
 *
 * @example errorMessage(enoent, '/tmp/ondergrond-upload-x1/upload.zip', 'Levering.zip')
 * // "ENOENT: no such file or directory, open 'Levering.zip'"
 */
export function errorMessage(error: unknown, path: string, name: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const folder = dirname(path);
  let scrubbed = message.split(path).join(name);
  if (folder !== '.' && folder !== '/') scrubbed = scrubbed.split(folder).join('…');
  return scrubbed;
}
