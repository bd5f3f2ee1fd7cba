import ExcelJS from 'exceljs';

/** Loads bytes the way a consumer would; exceljs types its input as an ArrayBuffer. */
export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

/**
 * Reads RFC 4180 text into rows: quoted fields may hold the delimiter, doubled quotes and line breaks; records end
 * with CRLF. Deliberately independent of the writer so a quoting bug shows up as a wrong field count.
 */
export function readCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else if (c === '\n') throw new Error(`bare LF at offset ${i}; RFC 4180 records end with CRLF`);
    else field += c;
  }
  if (field !== '' || row.length) throw new Error('the last record does not end with CRLF');
  return rows;
}
