import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { brandKey, loadBrandDictionary } from '../../src/domain/brands.ts';
import { modelKey, partNumbers, productKey } from '../../src/domain/model-key.ts';

const dict = loadBrandDictionary(JSON.parse(readFileSync('data/brands.json', 'utf8')));

describe('modelKey', () => {
  it('drops series words and keeps the model token (DESIGN §5)', () => {
    expect(modelKey('LaserJet Pro M202dw', 'hp', dict)).toBe('M202DW');
    expect(modelKey('Color LaserJet Pro M254dw', 'hp', dict)).toBe('M254DW');
    expect(modelKey('imageCLASS MF232w', 'canon', dict)).toBe('MF232W');
    expect(modelKey('拯救者Y9000P', 'lenovo', dict)).toBe('Y9000P');
  });

  it('meets "LEGRIA HF R806" and "R806" of one brand (series words are data, per brand)', () => {
    expect(modelKey('LEGRIA HF R806', 'canon', dict)).toBe('R806');
    expect(modelKey('R806', 'canon', dict)).toBe('R806');
    const key = (brand: string, model: string) => productKey(brandKey(dict, brand), modelKey(model, brandKey(dict, brand), dict));
    expect(key('佳能', 'LEGRIA HF R806')).toBe('canon:R806');
    expect(key('Canon', 'R806')).toBe('canon:R806');
    // Another brand's series words are that brand's own: HP keeps "LEGRIA HF" as part of its model.
    expect(modelKey('LEGRIA HF R806', 'hp', dict)).not.toBe('R806');
  });

  it('turns full-width text into half-width and drops hyphens and spaces', () => {
    expect(modelKey('ＨＬ－２２６０Ｄ', 'brother', dict)).toBe('HL2260D');
    expect(modelKey('HL-2260D', 'brother', dict)).toBe('HL2260D');
    expect(modelKey('ＬａｓｅｒＪｅｔ　Ｐｒｏ　Ｍ２０２ｄｗ', 'hp', dict)).toBe('M202DW');
    expect(modelKey('G15 5520-R1766B', 'dell', dict)).toBe('G155520R1766B');
  });

  it('recognises bracketed part numbers and leaves them out of the key', () => {
    expect(modelKey('HP LaserJet Pro M130a (G3Q57A)', 'hp', dict)).toBe('M130A');
    expect(partNumbers('HP LaserJet Pro M130a (G3Q57A)')).toEqual(['G3Q57A']);
    expect(partNumbers('Ricoh SP 212w (407691) ')).toEqual(['407691']);
    expect(partNumbers('惠普（HP）M202dw（G3Q50A）')).toEqual(['G3Q50A']);
    // A bracketed specification list is not a part number.
    expect(partNumbers('游戏本(新12代i7-12700H 16G 512G RTX3060)')).toEqual([]);
  });

  it('drops the brand, in any of its forms, from a model written with it', () => {
    expect(modelKey('惠普（HP）LaserJet Pro M202dw 黑白激光打印机', 'hp', dict)).toBe('M202DW');
    expect(modelKey('惠普16-k0009TX', 'hp', dict)).toBe('16K0009TX');
    expect(modelKey('外星人ALWM17-R1261B', 'alienware', dict)).toBe('ALWM17R1261B');
  });

  it('picks the model token out of a whole title', () => {
    expect(modelKey('Canon PIXMA Ink Efficiency E474 with Wi-Fi (1365C009)', 'canon', dict)).toBe('E474');
    expect(modelKey('HP LaserJet Pro 500 M521dn (A8P79A)', 'hp', dict)).toBe('M521DN');
    expect(modelKey('Canon i-Sensys MF735Cx с Wi-Fi (1474C054)', 'canon', dict)).toBe('MF735CX');
    expect(
      modelKey('戴尔(DELL) 笔记本电脑 游匣G15 15.6英寸游戏本(新12代i7-12700H 16G 512G RTX3060 165Hz)耀夜黑', 'dell', dict),
    ).toBe('G15');
    expect(modelKey('HP OfficeJet Pro 7740 Wide Format (G5J38A)', 'hp', dict)).toBe('7740');
  });

  it('keeps a letter prefix written apart from its number ("SP 212w" is not 212 watts)', () => {
    expect(modelKey('Ricoh SP 212w (407691)', 'ricoh', dict)).toBe('SP212W');
    expect(modelKey('Ricoh MP 2014AD (417378)', 'ricoh', dict)).toBe('MP2014AD');
  });

  it('keeps a series word when dropping it would leave no real model', () => {
    expect(modelKey('光影精灵8', 'hp', dict)).toBe('光影精灵8');
    expect(modelKey('蛟龙5', 'mechrevo', dict)).toBe('蛟龙5');
  });

  it('drops series words only as whole words', () => {
    // "Pro" inside "Pro16" is part of the model; "ThinkBook" is not "ThinkPad".
    expect(modelKey('灵耀Pro16', 'asus', dict)).toBe('灵耀PRO16');
  });

  it('gives "" when only a series name or too little is left', () => {
    expect(modelKey('', 'hp', dict)).toBe('');
    expect(modelKey('机械革命蛟龙', 'mechrevo', dict)).toBe('');
    expect(modelKey('暗影骑士擎', 'acer', dict)).toBe('');
    expect(modelKey('办公椅', 'deli', dict)).toBe('');
  });

  it('keeps a descriptive model field without digits, as furniture is listed', () => {
    expect(modelKey('会议椅 弓形 网布', 'deli', dict)).toBe('会议椅弓形网布');
    expect(modelKey('桌面五层文件柜 A4', 'comix', dict)).toBe('桌面五层文件柜');
  });

  it('reads a five-word model field as a model, not a title', () => {
    expect(modelKey('PowerShot G7 X Mark II', 'canon', dict)).toBe('G7XMARKII');
    expect(modelKey('ＰｏｗｅｒＳｈｏｔ　Ｇ７　Ｘ　Ｍａｒｋ　ＩＩ', 'canon', dict)).toBe('G7XMARKII');
  });

  it('works without a dictionary, dropping only the brand key and generic words', () => {
    expect(modelKey('HP M202dw 打印机', 'hp')).toBe('M202DW');
  });
});

describe('productKey', () => {
  it('joins brand and model, and needs both', () => {
    expect(productKey('hp', 'M202DW')).toBe('hp:M202DW');
    expect(productKey(null, 'M202DW')).toBeNull();
    expect(productKey('hp', '')).toBeNull();
  });
});
