import type { ClassKey } from './types.ts';

/**
 * The e-mall's 4 catalogue items and 8 classes, coded with the national government
 * procurement catalogue (政府采购品目分类目录) codes that provincial e-malls used in 2018.
 * The tree is the e-mall's own (fax machines and video cameras sit under 办公设备 there,
 * although their national codes come from the communication and broadcast branches).
 */
export interface Category {
  code: string;
  name: string;
  parent_code: string | null;
}

export const ITEMS: readonly Category[] = [
  { code: 'A0201', name: '计算机设备', parent_code: null },
  { code: 'A0202', name: '办公设备', parent_code: null },
  { code: 'A06', name: '办公家具', parent_code: null },
  { code: 'A09', name: '办公消耗用品', parent_code: null },
];

export const CLASS_CODES: Readonly<Record<ClassKey, string>> = {
  printer: 'A02010601',
  fax: 'A02081001',
  camera: 'A02020501',
  video: 'A02091102',
  cabinet: 'A0605',
  furniture: 'A0602',
  copypaper: 'A090101',
  printpaper: 'A090199',
};

export const CLASSES: readonly Category[] = [
  { code: CLASS_CODES.printer, name: '打印机', parent_code: 'A0201' },
  { code: CLASS_CODES.fax, name: '传真机', parent_code: 'A0202' },
  { code: CLASS_CODES.camera, name: '照相机', parent_code: 'A0202' },
  { code: CLASS_CODES.video, name: '摄像机', parent_code: 'A0202' },
  { code: CLASS_CODES.cabinet, name: '文件柜', parent_code: 'A06' },
  { code: CLASS_CODES.furniture, name: '办公及特殊家具', parent_code: 'A06' },
  { code: CLASS_CODES.printpaper, name: '打印纸', parent_code: 'A09' },
  { code: CLASS_CODES.copypaper, name: '复印纸', parent_code: 'A09' },
];

export function categoriesJson(): string {
  const rows = [...ITEMS, ...CLASSES].map((c) => `  ${JSON.stringify(c)}`);
  return `[\n${rows.join(',\n')}\n]\n`;
}
