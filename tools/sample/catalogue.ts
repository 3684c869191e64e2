import type { Brand, ClassKey, Paper, Product, RetailMode } from './types.ts';

/**
 * Real brands and models sold on provincial e-malls in 2018, with retail reference prices
 * close to what the big online retailers asked that year (tax-inclusive yuan). Some products
 * are marked as not watched at retail ('none'), so that about a quarter of listings have no
 * reference, as in real data. Furniture
 * "models" are descriptive, the way furniture is listed; copy paper is identified by its spec.
 */

export const BRANDS = {
  hp: { cn: '惠普', en: 'HP' },
  canon: { cn: '佳能', en: 'Canon' },
  brother: { cn: '兄弟', en: 'Brother' },
  epson: { cn: '爱普生', en: 'EPSON' },
  lenovo: { cn: '联想', en: 'Lenovo' },
  pantum: { cn: '奔图', en: 'PANTUM' },
  panasonic: { cn: '松下', en: 'Panasonic' },
  nikon: { cn: '尼康', en: 'Nikon' },
  sony: { cn: '索尼', en: 'SONY' },
  deli: { cn: '得力', en: 'deli' },
  comix: { cn: '齐心', en: 'COMIX' },
  mg: { cn: '晨光', en: 'M&G' },
  aurora: { cn: '震旦', en: 'AURORA' },
  sunon: { cn: '圣奥', en: 'SUNON' },
  doublea: { cn: 'Double A', en: null },
  baiwang: { cn: '百旺', en: null },
  tianzhang: { cn: '天章', en: 'TANGO' },
} as const satisfies Record<string, Brand>;

type BrandId = keyof typeof BRANDS;
// [id, brand, model, noun, spec, unit, retail yuan, retail mode, with gtin]
type Row = readonly [string, BrandId, string, string, string | null, string, number, RetailMode, boolean];

const PRINTERS: readonly Row[] = [
  ['hp-m202dw', 'hp', 'LaserJet Pro M202dw', '黑白激光打印机', 'A4 自动双面 无线网络', '台', 1899, 'noisy', true],
  ['hp-m104a', 'hp', 'LaserJet Pro M104a', '黑白激光打印机', 'A4 USB', '台', 899, 'noisy', true],
  ['hp-m104w', 'hp', 'LaserJet Pro M104w', '黑白激光打印机', 'A4 无线', '台', 999, 'noisy', true],
  ['hp-m132nw', 'hp', 'LaserJet Pro MFP M132nw', '黑白激光多功能一体机', '打印 复印 扫描 有线/无线网络', '台', 1599, 'noisy', true],
  ['hp-m203d', 'hp', 'LaserJet Pro M203d', '黑白激光打印机', 'A4 自动双面', '台', 1499, 'noisy', false],
  ['hp-m403d', 'hp', 'LaserJet Pro M403d', '黑白激光打印机', 'A4 自动双面 38页/分', '台', 2999, 'none', false],
  ['hp-m254dw', 'hp', 'Color LaserJet Pro M254dw', '彩色激光打印机', 'A4 自动双面 无线', '台', 2999, 'noisy', true],
  ['hp-2132', 'hp', 'DeskJet 2132', '彩色喷墨一体机', '打印 复印 扫描', '台', 399, 'noisy', false],
  ['canon-lbp2900', 'canon', 'LBP2900+', '黑白激光打印机', 'A4 USB', '台', 1100, 'flat', true],
  ['canon-lbp6030', 'canon', 'LBP6030', '黑白激光打印机', 'A4 USB', '台', 799, 'noisy', false],
  ['canon-lbp151dw', 'canon', 'LBP151dw', '黑白激光打印机', 'A4 自动双面 无线', '台', 1499, 'noisy', false],
  ['canon-mf232w', 'canon', 'imageCLASS MF232w', '黑白激光多功能一体机', '打印 复印 扫描 无线', '台', 1699, 'noisy', true],
  ['canon-mf113w', 'canon', 'imageCLASS MF113w', '黑白激光多功能一体机', '打印 复印 扫描 无线', '台', 1399, 'exclusive', false],
  ['brother-2260d', 'brother', 'HL-2260D', '黑白激光打印机', 'A4 自动双面', '台', 1099, 'flat', true],
  ['brother-7180dn', 'brother', 'DCP-7180DN', '黑白激光多功能一体机', '打印 复印 扫描 双面 网络', '台', 1999, 'noisy', true],
  ['brother-1208', 'brother', 'HL-1208', '黑白激光打印机', 'A4 USB', '台', 699, 'noisy', false],
  ['brother-1608', 'brother', 'DCP-1608', '黑白激光多功能一体机', '打印 复印 扫描', '台', 999, 'exclusive', false],
  ['epson-l360', 'epson', 'L360', '墨仓式彩色喷墨一体机', '打印 复印 扫描', '台', 999, 'noisy', false],
  ['epson-l4158', 'epson', 'L4158', '墨仓式彩色喷墨一体机', '打印 复印 扫描 无线', '台', 1499, 'noisy', false],
  ['epson-lq630k', 'epson', 'LQ-630K', '针式打印机', '82列 平推 1+6联', '台', 1699, 'noisy', true],
  ['epson-lq635k', 'epson', 'LQ-635K', '针式打印机', '82列 平推 1+6联', '台', 1899, 'none', false],
  ['epson-lq730k', 'epson', 'LQ-730K', '针式打印机', '82列 平推 1+6联', '台', 1799, 'exclusive', false],
  ['lenovo-2405d', 'lenovo', 'LJ2405D', '黑白激光打印机', 'A4 自动双面', '台', 999, 'noisy', false],
  ['lenovo-m7400', 'lenovo', 'M7400 Pro', '黑白激光多功能一体机', '打印 复印 扫描', '台', 1199, 'none', false],
  ['pantum-p2206', 'pantum', 'P2206', '黑白激光打印机', 'A4 USB', '台', 599, 'noisy', false],
  ['pantum-m6202', 'pantum', 'M6202', '黑白激光多功能一体机', '打印 复印 扫描', '台', 999, 'none', false],
];

const FAXES: readonly Row[] = [
  ['pana-fl338', 'panasonic', 'KX-FL338CN', '激光传真机', 'A4 普通纸 复印', '台', 1099, 'noisy', true],
  ['pana-ft872', 'panasonic', 'KX-FT872CN', '热敏传真机', '自动切纸 免提通话', '台', 699, 'noisy', false],
  ['pana-fp7009', 'panasonic', 'KX-FP7009CN', '普通纸传真机', '碳带 A4', '台', 899, 'noisy', false],
  ['brother-fax2890', 'brother', 'FAX-2890', '激光传真机', 'A4 普通纸 复印', '台', 1299, 'noisy', true],
  ['brother-fax2820', 'brother', 'FAX-2820', '激光传真机', 'A4 普通纸 复印', '台', 1199, 'none', false],
  ['canon-l170', 'canon', 'FAX-L170', '激光传真机', 'A4 普通纸', '台', 1299, 'none', false],
];

const CAMERAS: readonly Row[] = [
  ['canon-200d', 'canon', 'EOS 200D', '单反相机', 'EF-S 18-55mm 套机', '台', 4299, 'noisy', true],
  ['canon-800d', 'canon', 'EOS 800D', '单反相机', 'EF-S 18-55mm 套机', '台', 5699, 'noisy', true],
  ['canon-80d', 'canon', 'EOS 80D', '单反相机', 'EF-S 18-135mm 套机', '台', 7999, 'noisy', false],
  ['canon-6d2', 'canon', 'EOS 6D Mark II', '全画幅单反相机', '单机身', '台', 11999, 'noisy', false],
  ['canon-g7x2', 'canon', 'PowerShot G7 X Mark II', '数码相机', '1英寸传感器', '台', 4199, 'noisy', false],
  ['canon-ixus285', 'canon', 'IXUS 285 HS', '数码相机', '12倍光学变焦', '台', 1199, 'noisy', false],
  ['nikon-d3400', 'nikon', 'D3400', '单反相机', 'AF-P 18-55mm 套机', '台', 2999, 'noisy', true],
  ['nikon-d5600', 'nikon', 'D5600', '单反相机', 'AF-P 18-55mm 套机', '台', 4199, 'noisy', false],
  ['nikon-d7200', 'nikon', 'D7200', '单反相机', '18-140mm 套机', '台', 5999, 'noisy', false],
  ['sony-a6000', 'sony', 'ILCE-6000L', '微单相机', '16-50mm 套机', '台', 3999, 'noisy', true],
  ['sony-rx100m3', 'sony', 'DSC-RX100M3', '数码相机', '1英寸传感器', '台', 3799, 'noisy', false],
  ['sony-w830', 'sony', 'DSC-W830', '数码相机', '8倍光学变焦', '台', 799, 'noisy', false],
];

const VIDEOS: readonly Row[] = [
  ['sony-cx405', 'sony', 'HDR-CX405', '高清数码摄像机', '30倍光学变焦', '台', 1799, 'noisy', true],
  ['sony-ax40', 'sony', 'FDR-AX40', '4K数码摄像机', '20倍光学变焦 五轴防抖', '台', 4999, 'noisy', true],
  ['sony-cx680', 'sony', 'HDR-CX680', '高清数码摄像机', '30倍光学变焦 五轴防抖', '台', 2999, 'noisy', false],
  ['sony-ax60', 'sony', 'FDR-AX60', '4K数码摄像机', '20倍光学变焦 五轴防抖', '台', 5999, 'noisy', false],
  ['pana-v180', 'panasonic', 'HC-V180', '高清数码摄像机', '50倍光学变焦', '台', 1399, 'noisy', true],
  ['pana-v380', 'panasonic', 'HC-V380', '高清数码摄像机', '50倍光学变焦 无线', '台', 1999, 'noisy', false],
  ['pana-vx980', 'panasonic', 'HC-VX980', '4K数码摄像机', '20倍光学变焦', '台', 3999, 'noisy', false],
  ['canon-r806', 'canon', 'LEGRIA HF R806', '高清数码摄像机', '32倍光学变焦', '台', 1999, 'noisy', false],
];

const CABINETS: readonly Row[] = [
  ['deli-cab-185', 'deli', '钢制文件柜 1850×900×390 通体双开门', '文件柜', '冷轧钢板 0.6mm', '组', 980, 'noisy', false],
  ['deli-cab-glass', 'deli', '钢制文件柜 1850×900×390 上玻下铁', '文件柜', '冷轧钢板 0.6mm', '组', 1080, 'none', false],
  ['deli-cab-desk5', 'deli', '桌面文件柜 五层抽屉', '桌面文件柜', 'A4 五层', '个', 160, 'noisy', false],
  ['deli-safe', 'deli', '保密柜 电子密码 1850×900×390', '保密柜', '电子密码锁', '组', 1899, 'noisy', false],
  ['comix-desk5', 'comix', '桌面五层文件柜 A4', '桌面文件柜', 'A4 五层', '个', 180, 'noisy', false],
  ['comix-locker6', 'comix', '钢制更衣柜 六门', '更衣柜', '冷轧钢板', '组', 1150, 'none', false],
  ['comix-low', 'comix', '抽屉式矮柜 三抽', '文件柜', '冷轧钢板', '组', 560, 'none', false],
  ['aurora-cab-5', 'aurora', '钢制文件柜 1800×900×400 五节', '文件柜', '冷轧钢板 0.8mm', '组', 1350, 'none', false],
  ['aurora-archive', 'aurora', '档案密集柜 定制', '密集柜', '冷轧钢板 按节计', '节', 4800, 'none', false],
  ['sunon-book2', 'sunon', '木质书柜 两门 1800×800×400', '书柜', '三聚氰胺饰面板', '组', 1680, 'none', false],
  ['sunon-cab-4', 'sunon', '木质文件柜 四门 2000×1600×400', '文件柜', 'E1级板材', '组', 2680, 'none', false],
];

const FURNITURE: readonly Row[] = [
  ['aurora-desk-14', 'aurora', '办公桌 1400×700 钢木', '办公桌', '三聚氰胺饰面 钢架', '张', 1580, 'none', false],
  ['aurora-desk-16', 'aurora', '办公桌 1600×800 钢木', '办公桌', '三聚氰胺饰面 钢架', '张', 2380, 'none', false],
  ['aurora-work4', 'aurora', '屏风工位 四人位', '屏风工位', '含柜含椅', '组', 5600, 'none', false],
  ['sunon-exec-18', 'sunon', '主管桌 1800×900', '主管桌', '木皮饰面', '张', 3280, 'none', false],
  ['sunon-meet-24', 'sunon', '会议桌 2400×1200', '会议桌', '木皮饰面', '张', 3980, 'none', false],
  ['sunon-chair-mesh', 'sunon', '办公椅 网布 升降', '办公椅', '网布 尼龙脚', '把', 480, 'none', false],
  ['sunon-sofa3', 'sunon', '三人位沙发 皮艺', '沙发', '西皮', '套', 4200, 'none', false],
  ['deli-desk-12', 'deli', '办公桌 1200×600 单人', '办公桌', '钢木结构', '张', 699, 'noisy', false],
  ['deli-chair-bow', 'deli', '会议椅 弓形 网布', '会议椅', '网布 弓形钢架', '把', 198, 'noisy', false],
  ['deli-chair-swivel', 'deli', '办公椅 人体工学 升降', '办公椅', '网布 升降扶手', '把', 399, 'noisy', false],
  ['deli-fold', 'deli', '折叠培训桌 1400×400', '培训桌', '钢架 可折叠', '张', 380, 'noisy', false],
  ['comix-chair-staff', 'comix', '职员椅 网布', '职员椅', '网布 固定扶手', '把', 260, 'noisy', false],
];

const PRINT_PAPER: readonly Row[] = [
  ['deli-voucher-80', 'deli', '凭证打印纸 80g 240×140mm', '凭证打印纸', '80g 240×140mm 500张/包', '包', 78, 'none', false],
  ['mg-voucher-80', 'mg', '凭证打印纸 80g 241×140mm', '凭证打印纸', '80g 241×140mm 500张/包', '包', 76, 'none', false],
  ['deli-241-1', 'deli', '电脑打印纸 241-1', '电脑打印纸', '一联 整张 1000页/箱', '箱', 120, 'noisy', false],
  ['deli-241-2', 'deli', '电脑打印纸 241-2', '电脑打印纸', '二联 二等分 1000页/箱', '箱', 150, 'noisy', false],
  ['deli-241-3', 'deli', '电脑打印纸 241-3', '电脑打印纸', '三联 三等分 1000页/箱', '箱', 175, 'noisy', false],
  ['comix-241-5', 'comix', '电脑打印纸 241-5', '电脑打印纸', '五联 五等分 1000页/箱', '箱', 195, 'none', false],
  ['mg-241-2', 'mg', '电脑打印纸 241-2', '电脑打印纸', '二联 二等分 1000页/箱', '箱', 148, 'none', false],
];

// [brand, series, size, grams, packs per box, retail yuan per pack]
const COPY_PAPER: readonly (readonly [BrandId, string, Paper['size'], number, number, number])[] = [
  ['deli', '', 'A4', 70, 8, 22], ['deli', '', 'A4', 80, 5, 27], ['deli', '', 'A3', 70, 5, 44], ['deli', '', 'A3', 80, 5, 55],
  ['mg', '绿晨光', 'A4', 70, 8, 21], ['mg', '蓝晨光', 'A4', 80, 5, 26], ['mg', '绿晨光', 'A3', 70, 5, 43],
  ['comix', '', 'A4', 70, 5, 23], ['comix', '', 'A4', 80, 5, 28], ['comix', '', 'A3', 80, 5, 56],
  ['doublea', '', 'A4', 80, 5, 36], ['doublea', '', 'A3', 80, 5, 72], ['doublea', '', 'A4', 70, 5, 32],
  ['baiwang', '', 'A4', 70, 8, 23], ['baiwang', '', 'A4', 80, 5, 29], ['baiwang', '', 'A3', 70, 5, 46],
  ['tianzhang', '新绿天章', 'A4', 70, 8, 22], ['tianzhang', '新蓝天章', 'A4', 80, 5, 27], ['tianzhang', '新绿天章', 'A3', 70, 5, 44],
];

/** A valid EAN-13 in the 20–29 "restricted circulation" range, so it can never be a real product's code. */
function fakeGtin(n: number): string {
  const body = `20${String(n * 7919 + 1000003).padStart(10, '0').slice(-10)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

function fromRows(cls: ClassKey, rows: readonly Row[], start: number): Product[] {
  return rows.map(([id, b, model, noun, spec, unit, yuan, retail, gtin], i) => ({
    id, cls, brand: BRANDS[b], model, noun, spec, unit, retailFen: yuan * 100, retail,
    gtin: gtin ? fakeGtin(start + i) : null,
    // The planted "public fact" needs Suning's ¥1,859 to be that day's lowest price.
    band: id === 'hp-m202dw' ? ([0.98, 1.05] as const) : undefined,
  }));
}

export function buildCatalogue(): Product[] {
  const out: Product[] = [
    ...fromRows('printer', PRINTERS, 100),
    ...fromRows('fax', FAXES, 200),
    ...fromRows('camera', CAMERAS, 300),
    ...fromRows('video', VIDEOS, 400),
    ...fromRows('cabinet', CABINETS, 500),
    ...fromRows('furniture', FURNITURE, 600),
    ...fromRows('printpaper', PRINT_PAPER, 700),
  ];
  COPY_PAPER.forEach(([b, series, size, grams, packs, yuan], i) => {
    const paper: Paper = { size, grams, sheets: 500, packsPerBox: packs };
    out.push({
      id: `${b}-${size}-${grams}`.toLowerCase(),
      cls: 'copypaper',
      brand: BRANDS[b],
      model: `${series ? `${series} ` : ''}${size} ${grams}g`,
      noun: '复印纸',
      spec: `${size} ${grams}g 500张/包 ${packs}包/箱`,
      unit: '包',
      retailFen: yuan * 100,
      // Flat: the planted ¥20-a-unit case (PAR-4/5) needs an exact reference.
      retail: b === 'tianzhang' && size === 'A4' && grams === 70 ? 'flat' : 'noisy',
      gtin: i % 3 === 0 ? fakeGtin(800 + i) : null,
      paper,
    });
  });
  return out;
}

/** How a brand is written: 0 Chinese, 1 Latin, 2 both (惠普(HP)). */
export function brandText(b: Brand, style: 0 | 1 | 2): string {
  if (!b.en) return b.cn;
  if (style === 1) return b.en;
  if (style === 2) return `${b.cn}(${b.en})`;
  return b.cn;
}
