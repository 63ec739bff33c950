import { useState } from 'react';
import { useSave } from './use-save.ts';

/**
 * The state of an admin page's add/edit form: the record being edited (none: a new one), the
 * form's values, and the save that reports field errors. `submit` empties the form once the write
 * succeeded; `reset` (Cancel) empties it and clears the errors.
 */
export function useAdminEditor<Item, Form>(empty: Form, formOf: (item: Item) => Form, invalidate: string[]) {
  const save = useSave(invalidate);
  const [editing, setEditing] = useState<Item | null>(null);
  const [form, setForm] = useState<Form>(empty);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const reset = () => {
    setEditing(null);
    setForm(empty);
    save.setErrors({});
  };
  const edit = (item: Item) => {
    setEditing(item);
    setForm(formOf(item));
    save.setErrors({});
  };
  const submit = async (write: () => Promise<unknown>) => {
    if (await save.run(write)) reset();
  };
  return { save, editing, form, set, edit, reset, submit };
}
