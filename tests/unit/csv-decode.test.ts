import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../src/ingest/csv/decode.ts';
import { encodeGbk, utf8WithBom } from '../fixtures/gbk.ts';

const text = '品牌,型号,价格\n惠普（HP）,M202dw,1730.00\n';

describe('decodeCsvBytes', () => {
  it('takes a UTF-8 BOM as UTF-8 and strips it from the first header', () => {
    const d = decodeCsvBytes(utf8WithBom(text), 'a.csv');
    expect(d).toMatchObject({ encoding: 'utf-8', bom: true, label: 'UTF-8 (BOM)' });
    expect(d.text).toBe(text);
  });

  it('takes bytes that are valid UTF-8 as UTF-8, and says when they are plain ASCII', () => {
    expect(decodeCsvBytes(Buffer.from(text, 'utf8'), 'a.csv')).toMatchObject({ encoding: 'utf-8', bom: false, label: 'UTF-8', text });
    expect(decodeCsvBytes(Buffer.from('sku,price\nA,1\n'), 'a.csv').label).toBe('UTF-8 (ASCII only)');
  });

  it('falls back to GB18030 for GBK bytes and says it detected it', () => {
    const gbk = encodeGbk(text);
    expect(gbk.subarray(0, 4)).toEqual(Buffer.from([0xc6, 0xb7, 0xc5, 0xc6])); // 品牌 in GBK
    const d = decodeCsvBytes(gbk, 'a.csv');
    expect(d.encoding).toBe('gb18030');
    expect(d.label).toMatch(/^GB18030 \(detected/);
    expect(d.text).toBe(text);
  });

  it('uses the encoding a mapping names, and says it came from the mapping', () => {
    expect(decodeCsvBytes(encodeGbk(text), 'a.csv', 'gbk')).toMatchObject({ text, label: 'GBK (from mapping)' });
    expect(() => decodeCsvBytes(Buffer.from([0x61, 0xff]), 'a.csv', 'utf-8')).toThrow(/a\.csv: the mapping says "utf-8" but the file is not valid UTF-8/);
    expect(() => decodeCsvBytes(utf8WithBom(text), 'a.csv', 'gbk')).toThrow(/byte-order mark/);
  });

  it('refuses bytes that are neither UTF-8 nor GB18030, saying what to do', () => {
    // "café" in Latin-1: 0xE9 followed by a space is invalid in both encodings.
    expect(() => decodeCsvBytes(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x0a]), 'latin1.csv')).toThrow(
      /latin1\.csv: cannot tell the text encoding .*save it as "CSV UTF-8".*"encoding"/,
    );
  });

  it('refuses UTF-16 with the same advice', () => {
    expect(() => decodeCsvBytes(Buffer.from([0xff, 0xfe, 0x61, 0x00]), 'u16.csv')).toThrow(/u16\.csv: the file is UTF-16.*CSV UTF-8/);
  });

  it('refuses text that decodes as GB18030 only into implausible characters', () => {
    // Four-byte GB18030 sequences (0x81 0x30–0x39 …) decode to code points outside GBK's
    // repertoire; text made of them is not a Chinese export.
    const bytes = Buffer.from([0x81, 0x30, 0x81, 0x30, 0x81, 0x30, 0x82, 0x30, 0x0a]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(() => decodeCsvBytes(bytes, 'odd.csv')).toThrow(/odd\.csv: cannot tell the text encoding .*plausible GB18030/);
  });
});
