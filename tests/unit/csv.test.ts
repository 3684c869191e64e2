import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CSV_BOM, numberCell, textCell, toCsv, type CsvColumn } from '../../src/downloads/csv.ts';

interface Row {
  name: string | null;
  amount: string;
  fen: number;
}

const columns: CsvColumn<Row>[] = [
  { header: 'name', kind: 'text', value: (r) => r.name },
  { header: 'amount_yuan', kind: 'number', value: (r) => r.amount },
  { header: 'amount_fen', kind: 'number', value: (r) => r.fen },
];

describe('CSV writer', () => {
  it('starts with a UTF-8 BOM and ends every record with CRLF', () => {
    const out = toCsv(columns, [{ name: '恩施州财政局', amount: '1730.00', fen: 173000 }]);
    expect(out.startsWith(CSV_BOM)).toBe(true);
    expect(out).toBe(`${CSV_BOM}name,amount_yuan,amount_fen\r\n恩施州财政局,1730.00,173000\r\n`);
    expect(Buffer.from(out, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes commas, quotes and embedded newlines (RFC 4180) and round-trips through a parser', () => {
    const tricky = ['a,b', 'say "hi"', 'line1\nline2', 'cr\r\nlf', ' padded ', '普通文本'];
    const rows = tricky.map((name, i) => ({ name, amount: '1.00', fen: i }));
    const out = toCsv(columns, rows);
    const line = (name: string) => toCsv(columns, [{ name, amount: '1.00', fen: 0 }]).split('\r\n')[1];
    expect(line('a,b')).toBe('"a,b",1.00,0');
    expect(line('say "hi"')).toBe('"say ""hi""",1.00,0');
    expect(line(' padded ')).toBe('" padded ",1.00,0');
    expect(toCsv(columns, [{ name: 'line1\nline2', amount: '1.00', fen: 0 }])).toContain('"line1\nline2",1.00,0\r\n');
    const parsed = parse(out, { bom: true, columns: true }) as Record<string, string>[];
    expect(parsed.map((r) => r.name)).toEqual(tricky);
  });

  it('neutralises formula triggers in text cells, including full-width forms', () => {
    for (const bad of ['=1+1', '+86 123', '-cmd', '@SUM(A1)', '\tx', '\rx', '＝1+1', '＠x']) {
      expect(textCell(bad).startsWith("'")).toBe(true);
      const written = toCsv(columns, [{ name: bad, amount: '1.00', fen: 0 }]).slice(CSV_BOM.length).split('\r\n').slice(1).join('\r\n');
      expect(written.replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(toCsv(columns, [{ name: '=HYPERLINK("http://x","点我")', amount: '1.00', fen: 0 }]).split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://x"",""点我"")",1.00,0`);
    expect(textCell('惠普 M202dw')).toBe('惠普 M202dw');
  });

  it('keeps negative numbers numeric in numeric columns', () => {
    const out = toCsv(columns, [{ name: '-12.50', amount: '-12.50', fen: -1250 }]);
    expect(out.split('\r\n')[1]).toBe(`'-12.50,-12.50,-1250`);
    expect(numberCell(2.5)).toBe('2.5');
    expect(numberCell(null)).toBe('');
  });

  it('refuses text in a numeric column instead of writing it unescaped', () => {
    expect(() => numberCell('=1+1')).toThrow(/plain decimal/);
    expect(() => numberCell('1e5')).toThrow(/plain decimal/);
    expect(() => numberCell(Number.NaN)).toThrow(/finite/);
    expect(() => numberCell(1e21)).toThrow(/plain decimal/);
  });

  it('writes empty cells for null and undefined', () => {
    expect(toCsv(columns, [{ name: null, amount: '0.00', fen: 0 }]).split('\r\n')[1]).toBe(',0.00,0');
  });

  it('is deterministic', () => {
    const rows = [
      { name: '得力 deli 复印纸', amount: '24.90', fen: 2490 },
      { name: '<script>alert(1)</script>', amount: '0.01', fen: 1 },
    ];
    expect(toCsv(columns, rows)).toBe(toCsv(columns, rows.map((r) => ({ ...r }))));
  });
});
