/**
 * Imports a KLIC delivery (zip or IMKL XML), a tree register or road parts into the configured store, in one
 * transaction. Stop the server first when it runs on the embedded store (one process at a time).
 *
 *   npm run import -- Levering_22O000518_1.zip [--layer cables,pipes] [--json]
 */
import { importFile } from './cli/import.ts';
import { runAsProcess } from './cli/program.ts';

await runAsProcess(importFile);
