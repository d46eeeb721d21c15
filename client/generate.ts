// `npm run client:generate`: rewrites client/openapi.json and client/schema.d.ts from the code.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientDir, clientFiles, mergedOpenApiDocument } from './generate-files.ts';

const files = await clientFiles(await mergedOpenApiDocument(process.env.DATABASE_URL));
for (const [name, text] of Object.entries(files)) writeFileSync(join(clientDir, name), text);
console.log(`wrote ${Object.keys(files).join(', ')} in ${clientDir}`);
