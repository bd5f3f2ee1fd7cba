/**
 * Imports a KLIC delivery (zip or IMKL XML), a tree register, road parts or a municipality's sewer data (SUF-RIB
 * .rib or a zip of them, a GWSW-HydX zip; --owner names the owner where the file does not) into the configured
 * store, in one transaction. Stop the server first when it runs on the embedded store (one process at a time).
 *
 *   npm run import -- Levering_22O000518_1.zip [--layer cables,pipes] [--owner "Gemeente Almere"] [--json]
 */
import { importFile } from './cli/import.ts';
import { runAsProcess } from './cli/program.ts';

await runAsProcess(importFile);
