// The floor of `npm run bench`: read every signature file of a letter (either layout) and
// parse each with the fastest YAML parser there is for it (js-yaml, YAML 1.2 core schema),
// doing nothing else. Prints the number of files parsed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jsyaml from 'js-yaml';

const dir = path.join(process.argv[2], 'signatures');
let count = 0;
for (const entry of readdirSync(dir, { withFileTypes: true })) {
  const files = entry.isDirectory()
    ? readdirSync(path.join(dir, entry.name)).map((f) => path.join(dir, entry.name, f))
    : [path.join(dir, entry.name)];
  for (const f of files) {
    jsyaml.load(readFileSync(f, 'utf8'), { schema: jsyaml.CORE_SCHEMA });
    count++;
  }
}
console.log(count);
