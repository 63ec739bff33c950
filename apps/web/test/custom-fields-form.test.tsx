import type { FieldDefinition } from '@civicline/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { useTranslation } from 'react-i18next';
import { CustomFieldsForm } from '../src/ui/custom-fields/custom-fields-form.tsx';
import { checkFields } from '../src/ui/custom-fields/validate.ts';
import { renderWithApp } from './render.tsx';

const FIELDS: FieldDefinition[] = [
  { key: 'cadastral_no', type: 'text', label: { en: 'Cadastral number', ro: 'Număr cadastral' }, required: true, pattern: '[0-9]{5,7}' },
  { key: 'area_sqm', type: 'number', label: { en: 'Area (m²)' }, required: false, min: 1, max: 100000 },
  { key: 'purpose', type: 'select', label: { en: 'Purpose' }, required: true, options: [{ value: 'sale', label: { en: 'Sale', ro: 'Vânzare' } }, { value: 'build', label: { en: 'Building' } }] },
  { key: 'docs', type: 'multi_select', label: { en: 'Documents' }, required: false, max: 1, options: [{ value: 'deed', label: { en: 'Deed' } }, { value: 'plan', label: { en: 'Plan' } }] },
  { key: 'urgent', type: 'boolean', label: { en: 'Urgent' }, required: false },
  { key: 'notes', type: 'long_text', label: { en: 'Notes' }, required: false, max: 10 },
];

/** The form as a page uses it: state here, the server's rules checked on "Check". */
function Harness({ lang = 'en', initial = {} }: { lang?: string; initial?: Record<string, unknown> }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, unknown>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <>
      <CustomFieldsForm fields={FIELDS} values={values} errors={errors} lang={lang} onChange={(k, v) => setValues((o) => ({ ...o, [k]: v }))} />
      <button type="button" onClick={() => setErrors(checkFields(t, FIELDS, values, { requireAll: true }))}>
        Check
      </button>
      <output data-testid="values">{JSON.stringify(values)}</output>
    </>
  );
}

describe('custom fields form', () => {
  it('renders one labelled input per field type, in the chosen language, required ones marked', () => {
    renderWithApp(<Harness lang="ro" />);
    expect(screen.getByRole('textbox', { name: /Număr cadastral/ }).hasAttribute('required')).toBe(true);
    expect(screen.getByRole('textbox', { name: /Area/ })).toBeTruthy(); // NumberInput (falls back to English)
    expect(screen.getByRole('combobox', { name: /Purpose/ }).hasAttribute('required')).toBe(true);
    expect(screen.getByRole('option', { name: 'Vânzare' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Deed' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Urgent' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Notes' })).toBeTruthy();
  });

  it('shows the server’s rules field by field, each message tied to its input', async () => {
    const user = userEvent.setup();
    renderWithApp(<Harness />);
    await user.type(screen.getByRole('textbox', { name: /Cadastral number/ }), '12a');
    await user.type(screen.getByRole('textbox', { name: 'Notes' }), 'far more than ten characters');
    await user.click(screen.getByRole('checkbox', { name: 'Deed' }));
    await user.click(screen.getByRole('checkbox', { name: 'Plan' }));
    await user.click(screen.getByRole('button', { name: 'Check' }));

    const cadastral = screen.getByRole('textbox', { name: /Cadastral number/ });
    expect(cadastral.getAttribute('aria-invalid')).toBe('true');
    const describedBy = cadastral.getAttribute('aria-describedby') ?? '';
    const message = describedBy.split(' ').map((id) => document.getElementById(id)?.textContent).join(' ');
    expect(message).toContain('This does not have the expected format');
    expect(screen.getByText('This field is required')).toBeTruthy(); // purpose
    expect(screen.getByText('Enter at most 10 characters')).toBeTruthy(); // notes
    expect(screen.getByText('Choose at most 1')).toBeTruthy(); // docs
    expect(screen.getByRole('textbox', { name: /Area/ }).getAttribute('aria-invalid')).not.toBe('true');
  });

  it('gives typed values: numbers as numbers, choices as option values, an emptied field as absent', async () => {
    const user = userEvent.setup();
    renderWithApp(<Harness initial={{ notes: 'x' }} />);
    await user.type(screen.getByRole('textbox', { name: /Area/ }), '420');
    await user.selectOptions(screen.getByRole('combobox', { name: /Purpose/ }), 'build');
    await user.click(screen.getByRole('checkbox', { name: 'Urgent' }));
    await user.clear(screen.getByRole('textbox', { name: 'Notes' }));
    const values = JSON.parse(screen.getByTestId('values').textContent ?? '{}');
    expect(values).toMatchObject({ area_sqm: 420, purpose: 'build', urgent: true });
    expect(values.notes).toBe('');
    await user.type(screen.getByRole('textbox', { name: /Cadastral number/ }), '123456');
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.queryByText(/required|format|at most/i)).toBeNull();
  });
});
