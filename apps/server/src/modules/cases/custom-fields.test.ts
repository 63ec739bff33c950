import type { FieldDefinition } from '@civicline/contracts';
import { describe, expect, it } from 'vitest';
import { validateCustomFields } from './custom-fields.ts';

const fields: FieldDefinition[] = [
  { key: 'cadastral_no', type: 'text', label: { ro: 'Nr. cadastral' }, required: true, pattern: '[0-9]{5,7}' },
  { key: 'area_sqm', type: 'number', label: { ro: 'Suprafață' }, required: false, min: 1, max: 100000 },
  { key: 'purpose', type: 'select', label: { ro: 'Scop' }, required: true, options: [
    { value: 'sale', label: { ro: 'Vânzare' } }, { value: 'build', label: { ro: 'Construire' } },
  ] },
  { key: 'docs', type: 'multi_select', label: { ro: 'Acte' }, required: false, max: 2, options: [
    { value: 'deed', label: { ro: 'Act' } }, { value: 'plan', label: { ro: 'Plan' } }, { value: 'id', label: { ro: 'CI' } },
  ] },
  { key: 'urgent', type: 'boolean', label: { en: 'Urgent' }, required: false },
  { key: 'visit_on', type: 'date', label: { en: 'Visit' }, required: false },
  { key: 'scan', type: 'file', label: { en: 'Scan' }, required: false },
];

describe('custom fields', () => {
  it('accepts valid values', () => {
    const r = validateCustomFields(fields, {
      cadastral_no: '123456', area_sqm: 420.5, purpose: 'build', docs: ['deed', 'plan'], urgent: false,
      visit_on: '2026-04-30', scan: '3f0c2a8e-1b2c-4d5e-8f90-0123456789ab',
    }, { requireAll: true });
    expect(r.errors).toEqual([]);
    expect(r.values).toMatchObject({ cadastral_no: '123456', urgent: false });
  });

  it('names every bad field with its path', () => {
    const r = validateCustomFields(fields, {
      cadastral_no: '12a', area_sqm: '420', purpose: 'demolish', docs: ['deed', 'plan', 'id'], urgent: 'yes',
      visit_on: '2026-02-30', scan: 'x', colour: 'red',
    }, { requireAll: true });
    expect(r.errors.map((e) => e.path).sort()).toEqual([
      'customFields.area_sqm', 'customFields.cadastral_no', 'customFields.colour', 'customFields.docs',
      'customFields.purpose', 'customFields.scan', 'customFields.urgent', 'customFields.visit_on',
    ]);
  });

  it('requires required fields at registration but not in a draft', () => {
    expect(validateCustomFields(fields, {}, { requireAll: true }).errors.map((e) => e.path)).toEqual([
      'customFields.cadastral_no', 'customFields.purpose',
    ]);
    expect(validateCustomFields(fields, {}, { requireAll: false }).errors).toEqual([]);
  });

  it('anchors patterns to the whole value', () => {
    expect(validateCustomFields(fields, { cadastral_no: 'x123456x', purpose: 'sale' }, { requireAll: true }).errors).toHaveLength(1);
  });
});
