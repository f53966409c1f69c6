/**
 * Runs emulated phones by hand:
 *   npx tsx src/test-support/emulated-phone/cli.ts [--port N] [--model NAME] [--auth none|accept|refuse] [--free BYTES]
 *       [--corrupt [TEXT]] [--drop-after BYTES] [--no-sha256] [--dir FOLDER] [--verbose]
 * then `adb connect 127.0.0.1:<port>`. Ctrl-C stops it.
 */
import { EmulatedPhone, type EmulatedPhoneOptions } from './emulated-phone';

function parseArgs(argv: string[]): EmulatedPhoneOptions {
  const opts: EmulatedPhoneOptions = { faults: {} };
  const faults = opts.faults!;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--port') opts.port = Number(next());
    else if (a === '--model') opts.model = next();
    else if (a === '--auth') opts.auth = next() as EmulatedPhoneOptions['auth'];
    else if (a === '--free') faults.freeBytes = Number(next());
    else if (a === '--corrupt') faults.corruptPushes = argv[i + 1] && !argv[i + 1].startsWith('--') ? next() : true;
    else if (a === '--drop-after') faults.dropAfterBytes = Number(next());
    else if (a === '--no-sha256') faults.hasSha256sum = false;
    else if (a === '--dir') opts.storageDir = next();
    else if (a === '--verbose') opts.verbose = true;
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

const phone = await EmulatedPhone.start(parseArgs(process.argv.slice(2)));
process.stdout.write(`emulated phone "${phone.model}" on ${phone.serial}, files in ${phone.root}\n`);
process.stdout.write(`connect with: adb connect ${phone.serial}\n`);
const stop = (): void => {
  void phone.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
