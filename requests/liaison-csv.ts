import { LiaisonError } from './liaison-error.js';

/**
 * A small RFC 4180 reader: comma-separated fields, CRLF or LF line ends,
 * fields in double quotes may hold commas, line breaks and doubled quotes
 * (""). A UTF-8 byte-order mark is skipped; blank lines are ignored. Each
 * record keeps the line it starts on, so errors can name it.
 */
export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  /** The current field began with a quote (text after its closing quote is an error). */
  let wasQuoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endRecord = (): void => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '' && !wasQuoted;
    if (!blank) records.push({ line: start, fields });
    fields = [];
    field = '';
    wasQuoted = false;
  };

  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== '' || wasQuoted) {
        throw new LiaisonError(
          'invalid-csv',
          `line ${line}: a quote inside an unquoted field (quote the whole field and double the quote)`,
        );
      }
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      wasQuoted = false;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      // CRLF: handled at the LF
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      line++;
      start = line;
    } else {
      if (wasQuoted) {
        throw new LiaisonError('invalid-csv', `line ${line}: text after a closing quote`);
      }
      field += ch;
    }
  }
  if (quoted) throw new LiaisonError('invalid-csv', `line ${start}: a quoted field is never closed`);
  if (field !== '' || fields.length > 0 || wasQuoted) endRecord();
  return records;
}
