// Every object of the given manifest files against the Kubernetes API schemas of kubernetes-models (npm): exit 0 only when all are valid.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
const files = process.argv.slice(2);
let failures = 0, checked = 0;
for (const doc of files.flatMap(file => parseAllDocuments(readFileSync(file, "utf8")))) {
  const object = doc.toJSON();
  if (!object) continue;
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : [null, object.apiVersion];
  const module = `kubernetes-models/${group ? group + "/" : ""}${version}/${object.kind}`;
  const { [object.kind]: Model } = await import(module);
  try {
    new Model(object).validate();
    checked++;
    console.log(`ok   ${object.apiVersion} ${object.kind} ${object.metadata?.name}`);
  } catch (error) {
    failures++;
    console.log(`FAIL ${object.apiVersion} ${object.kind} ${object.metadata?.name}: ${error.message}`);
  }
}
console.log(`${checked} valid, ${failures} invalid`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
