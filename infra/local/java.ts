// DynamoDB Local is AWS's own emulator, a Java program: check for Java 17+ before anything else.
import { spawnSync } from 'node:child_process';

export class JavaMissingError extends Error {
  override name = 'JavaMissingError';
}

const HOW_TO_INSTALL =
  'Install Java 17 or newer, then run npm start again:\n' +
  '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n' +
  '  macOS:         brew install openjdk@17\n' +
  '  Windows:       winget install Microsoft.OpenJDK.17';

/** The major version of `java` on the PATH; throws JavaMissingError saying how to install it. */
export function requireJava17(): number {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new JavaMissingError(`Java was not found: DynamoDB Local needs Java 17+.\n${HOW_TO_INSTALL}`);
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : 0;
  if (major < 17) {
    throw new JavaMissingError(`Java ${major || '(unknown version)'} was found: DynamoDB Local needs Java 17+.\n${HOW_TO_INSTALL}`);
  }
  return major;
}
