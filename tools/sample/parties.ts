import type { Rng } from './prng.ts';
import type { Agency, Supplier } from './types.ts';

/**
 * Buying agencies and suppliers are invented: a transparency site must never attribute
 * made-up purchases to real bodies. The prefecture (云岚州) and its counties do not exist;
 * credit codes use region code 9999, which no real registration carries.
 */

export const PLACES = ['云岚州', '青溪县', '松坪县', '白鹭县', '鹿鸣县', '桐溪县', '雾峰县', '杉木县'] as const;

const DEPARTMENTS = [
  '财政局', '教育局', '卫生健康局', '农业农村局', '自然资源局', '住房和城乡建设局', '交通运输局',
  '水利局', '民政局', '人力资源和社会保障局', '市场监督管理局', '文化和旅游局', '统计局', '审计局',
  '应急管理局', '档案馆', '疾病预防控制中心',
] as const;

const SUPPLIER_WORDS = [
  '鑫源', '华诚', '博远', '恒达', '利民', '嘉禾', '瑞丰', '天成', '同创', '宏图', '佳美', '金桥',
  '启航', '新元', '立信', '长荣', '盛景', '汇通', '和润', '正弘', '云帆', '德茂', '安泰', '明远',
  '福临', '兴业', '聚友', '诚达', '永丰', '卓越', '川佳', '远航',
] as const;

const TRADES: Readonly<Record<Supplier['kind'], readonly string[]>> = {
  equipment: ['办公设备有限公司', '科技有限公司', '电子科技有限公司'],
  digital: ['数码科技有限公司', '电子商贸有限公司'],
  furniture: ['家具有限公司', '办公家具有限公司'],
  stationery: ['文化用品有限公司', '商贸有限公司', '办公用品经营部'],
};

const KINDS: readonly Supplier['kind'][] = ['equipment', 'digital', 'furniture', 'stationery'];
// Of every 32 suppliers: 12 office equipment, 5 digital, 8 furniture, 7 stationery.
const KIND_PATTERN: readonly number[] = [0, 0, 2, 3, 0, 1, 2, 3, 0, 0, 2, 3, 0, 1, 2, 3, 0, 0, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 0, 2];

/** The supplier whose name carries markup-looking text: it is data and must be shown escaped. */
export const MARKUP_SUPPLIER_NAME = '桐溪县信&amp;达<script>alert(1)</script>办公设备有限公司';

export function makeSuppliers(rng: Rng, count: number): Supplier[] {
  const out: Supplier[] = [];
  for (let i = 0; i < count; i++) {
    const kind = KINDS[KIND_PATTERN[i % KIND_PATTERN.length] as number] as Supplier['kind'];
    const place = PLACES[i % PLACES.length] as string;
    const word = SUPPLIER_WORDS[i % SUPPLIER_WORDS.length] as string;
    const round = Math.floor(i / SUPPLIER_WORDS.length);
    const name = i === 29 ? MARKUP_SUPPLIER_NAME : `${place}${word}${round > 0 ? round + 1 : ''}${rng.pick(TRADES[kind])}`;
    const id = `S${String(i + 1).padStart(4, '0')}`;
    out.push({
      id,
      name,
      credit_code: i % 5 === 4 ? null : `91999900${String(i + 1).padStart(4, '0')}SP${String((i * 37) % 100).padStart(2, '0')}X`,
      kind,
      moneyAsNumber: i % 8 === 6,
      timeStyle: i % 11 === 5 ? 'local' : i % 11 === 9 ? 'utc' : 'offset',
      brandStyle: (i % 3) as 0 | 1 | 2,
    });
  }
  return out;
}

export function makeAgencies(count: number): Agency[] {
  const out: Agency[] = [];
  for (let i = 0; i < count; i++) {
    const place = PLACES[i % PLACES.length] as string;
    const dept = DEPARTMENTS[Math.floor(i / PLACES.length) % DEPARTMENTS.length] as string;
    const round = Math.floor(i / (PLACES.length * DEPARTMENTS.length));
    out.push({ id: `A${String(i + 1).padStart(4, '0')}`, name: `${place}${dept}${round > 0 ? `第${round + 1}分部` : ''}` });
  }
  return out;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = ['晓燕', '建华', '丽', '伟', '芳', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '文', '华', '红梅', '志强', '海燕', '春梅', '玉兰'];

/** Made-up contact persons; phones come from one patterned block (139 0000 xxxx) rather than looking like anyone in particular. */
export function makeContact(rng: Rng): { name: string; phone: string } {
  const name = `${rng.pick([...SURNAMES])}${rng.pick(GIVEN)}`;
  return { name, phone: `1390000${String(rng.int(0, 9999)).padStart(4, '0')}` };
}
