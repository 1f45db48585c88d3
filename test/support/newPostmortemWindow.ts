/**
 * One editor window making post-mortems, for the cross-window test in
 * test/unit/client-newPostmortem.test.ts: what New Post-Mortem does on disk (server request,
 * exclusive create under the folder lock), without the editor. Prints the Incident IDs it got.
 *   node --import tsx test/support/newPostmortemWindow.ts <folder> <lockRoot> <count> <name> [--unlocked]
 * It prints `ready` once loaded and begins when a line arrives on its stdin, so that every
 * window can be started at once; then it prints the Incident IDs it got, as JSON.
 */
import { chooseFileName } from '../../client/src/newPostmortem/fileNames';
import { createExclusively } from '../../client/src/newPostmortem/createFile';
import { withFolderLock } from '../../client/src/newPostmortem/folderLock';
import { newDocument } from '../../server/src/handlers/workspace';
import { service } from './service';

async function main(): Promise<void> {
  const [folder, lockRoot, count, name] = process.argv.slice(2);
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.pause();
  const unlocked = process.argv.includes('--unlocked'); // to see the race the lock prevents
  const date = '2026-11-28';
  const ids: string[] = [];
  for (let i = 0; i < Number(count); i++) {
    const title = `${name} incident ${i}`;
    const make = async () => {
      const result = await newDocument(service, { title, date, folderPath: folder });
      await createExclusively(folder, chooseFileName(result.fileName, title, date), result.text);
      ids.push(result.incidentId);
    };
    if (unlocked) await make();
    else await withFolderLock(folder, make, { lockRoot });
  }
  process.stdout.write(`${JSON.stringify(ids)}\n`);
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
