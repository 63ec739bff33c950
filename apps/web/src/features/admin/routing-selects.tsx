import { Group, NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCategories, useDepartments } from '../../api/reference.ts';
import { pickText } from '../../ui/localized.ts';

interface Routing {
  categoryId: string;
  departmentId: string;
}

/**
 * Where a channel's messages go: the category their cases open in and the department that gets
 * them (none chosen: the category's own). Side by side, with the server's errors at each field.
 */
export function RoutingSelects(props: {
  idPrefix: string;
  value: Routing;
  onChange: (patch: Partial<Routing>) => void;
  errors: Record<string, string>;
  category: { required: boolean; emptyLabel: string; help?: string };
  departmentHelp?: string;
}) {
  const { idPrefix, value, onChange, errors, category } = props;
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const departments = useDepartments();
  return (
    <Group align="flex-start" grow>
      <NativeSelect
        id={`${idPrefix}-category`}
        label={t('case.category')}
        description={category.help}
        required={category.required}
        value={value.categoryId}
        onChange={(e) => onChange({ categoryId: e.currentTarget.value })}
        error={errors.categoryId}
        data={[{ value: '', label: category.emptyLabel }, ...(categories.data ?? []).map((c) => ({ value: c.id, label: pickText(c.name, i18n.language) }))]}
      />
      <NativeSelect
        id={`${idPrefix}-department`}
        label={t('case.department')}
        description={props.departmentHelp}
        value={value.departmentId}
        onChange={(e) => onChange({ departmentId: e.currentTarget.value })}
        error={errors.departmentId}
        data={[{ value: '', label: t('admin.mailboxes.categoryDepartment') }, ...(departments.data ?? []).map((d) => ({ value: d.id, label: pickText(d.name, i18n.language) }))]}
      />
    </Group>
  );
}
