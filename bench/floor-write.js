// The write floor of `npm run bench` (issue 15): what writing the files of an import costs
// without `letter`. Reads a CSV of name,role,country,group (bench/generate.js writeCsv),
// writes one signature file per row into a new folder the plain way (writeFileSync, no
// flush, one after the other), then makes them durable with one sync of the file system
// (`sync -f`; where that is missing, an fsync of every file and of the folder). Prints the
// number of files written.
//
// node bench/floor-write.js <csv> <folder>
import { execFileSync } from 'node:child_process';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import anyAscii from 'any-ascii';

const [csv, folder] = process.argv.slice(2);
mkdirSync(folder, { recursive: true });

/** The fields of one CSV line (quotes as writeCsv writes them: `"` doubled inside a quoted field). */
function fields(line) {
  const out = [];
  for (let i = 0; i <= line.length; ) {
    if (line[i] === '"') {
      let value = '';
      for (i++; i < line.length; i++) {
        if (line[i] === '"' && line[i + 1] === '"') value += line[i++];
        else if (line[i] === '"') break;
        else value += line[i];
      }
      out.push(value);
      i += 2;
    } else {
      const end = line.indexOf(',', i) === -1 ? line.length : line.indexOf(',', i);
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

const signedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const taken = new Set();
const files = [];
for (const line of readFileSync(csv, 'utf8').split('\n').slice(1)) {
  if (line === '') continue;
  const [name, role, country, group] = fields(line);
  let id = anyAscii(name)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  for (let n = 2; taken.has(id); n++) id = `${id.replace(/-\d+$/, '')}-${n}`;
  taken.add(id);
  const file = path.join(folder, `${id}.yaml`);
  writeFileSync(
    file,
    `# yaml-language-server: $schema=../.schemas/signature.schema.json\nname: ${JSON.stringify(name)}\nrole: ${role}\ncountry: ${country}\ngroup: ${group}\nsigned_at: ${signedAt}\nstatus: pending\n`,
  );
  files.push(file);
}
try {
  execFileSync('sync', ['-f', folder]);
} catch {
  for (const f of [...files, folder]) {
    const fd = openSync(f, 'r');
    fsyncSync(fd);
    closeSync(fd);
  }
}
console.log(files.length);
