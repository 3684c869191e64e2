import { describe, expect, it } from 'vitest';
import { looksLikePaper, mergePaperSpecs, parsePaperSpec } from '../../src/domain/paper.ts';

describe('parsePaperSpec', () => {
  it('reads size, grammage, sheets per pack and packs per box', () => {
    expect(parsePaperSpec('A4 70g 500张/包 8包/箱')).toEqual({ size: 'A4', grammage: 70, sheetsPerPack: 500, packsPerBox: 8 });
    expect(parsePaperSpec('复印纸 A4 80克 500张*5包')).toEqual({ size: 'A4', grammage: 80, sheetsPerPack: 500, packsPerBox: 5 });
    expect(parsePaperSpec('70克A4 5包/箱 500张/包')).toEqual({ size: 'A4', grammage: 70, sheetsPerPack: 500, packsPerBox: 5 });
    expect(parsePaperSpec('A4纸 70G 500张 一箱5包')).toEqual({ size: 'A4', grammage: 70, sheetsPerPack: 500, packsPerBox: 5 });
    expect(parsePaperSpec('亚太森博 A3 80g 500张×5包')).toEqual({ size: 'A3', grammage: 80, sheetsPerPack: 500, packsPerBox: 5 });
  });

  it('reads full-width text', () => {
    expect(parsePaperSpec('Ａ４　７０ｇ　５００张／包')).toEqual({ size: 'A4', grammage: 70, sheetsPerPack: 500, packsPerBox: null });
  });

  it('takes a ream (令) as a 500-sheet pack', () => {
    expect(parsePaperSpec('A3 80g 5令/箱')).toEqual({ size: 'A3', grammage: 80, sheetsPerPack: 500, packsPerBox: 5 });
  });

  it('leaves unknown parts null and returns null when nothing is there', () => {
    expect(parsePaperSpec('80克凭证打印纸')).toEqual({ size: null, grammage: 80, sheetsPerPack: null, packsPerBox: null });
    expect(parsePaperSpec('会议椅 弓形 网布')).toBeNull();
  });

  it('does not take memory sizes or out-of-range numbers for a grammage', () => {
    expect(parsePaperSpec('16G 512G')).toBeNull();
  });
});

describe('mergePaperSpecs', () => {
  it('fills what the spec field lacks from the title, the spec field winning', () => {
    expect(mergePaperSpecs(parsePaperSpec('A4 70g'), parsePaperSpec('复印纸 A4 80g 500张/包 8包/箱'))).toEqual({
      size: 'A4', grammage: 70, sheetsPerPack: 500, packsPerBox: 8,
    });
    expect(mergePaperSpecs(null, null)).toBeNull();
  });
});

describe('looksLikePaper', () => {
  it('knows paper by its words, or by size with grammage', () => {
    expect(looksLikePaper('得力 A4 复印纸')).toBe(true);
    expect(looksLikePaper('凭证打印纸 80g 240×140mm')).toBe(true);
    expect(looksLikePaper('得力 A4 70g 500张/包')).toBe(true);
  });

  it('does not take a printer with paper specs for paper', () => {
    expect(looksLikePaper('惠普 M202dw 黑白激光打印机 A4 支持60-163g')).toBe(false);
    expect(looksLikePaper('联想拯救者Y9000P 16G 512G')).toBe(false);
  });
});
