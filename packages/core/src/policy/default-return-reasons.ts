import type { ReturnReason } from './policy-schema.js';

/**
 * The built-in reason tree. Customers pick a leaf; each leaf says whether it is a voluntary return
 * or a defect (conformity) claim and what evidence it asks for. Labels come from the message
 * catalogue (`reason.<code>`), in Turkish and English.
 */
export const defaultReturnReasons: ReturnReason[] = [
  { code: 'changed_mind', basis: 'voluntary' },
  {
    code: 'size_fit',
    children: [
      { code: 'too_small', basis: 'voluntary' },
      { code: 'too_large', basis: 'voluntary' },
      { code: 'fit_other', basis: 'voluntary' },
    ],
  },
  {
    code: 'problem',
    children: [
      { code: 'damaged_on_arrival', basis: 'defect', evidence: ['photo'] },
      { code: 'defective', basis: 'defect', evidence: ['description'] },
      { code: 'wrong_item', basis: 'defect', evidence: ['photo'] },
      { code: 'not_as_described', basis: 'defect', evidence: ['description'] },
    ],
  },
  { code: 'arrived_too_late', basis: 'voluntary' },
  { code: 'other', basis: 'voluntary', evidence: ['description'] },
];
