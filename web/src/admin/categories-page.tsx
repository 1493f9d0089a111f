import type { Category } from '@loket/contract';
import { NumberInput, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../ui/query-state.tsx';
import { adminApi, categoriesQuery } from './admin-api.ts';
import { AdminListPage, AdminTable, FormButtons } from './admin-page.tsx';
import { fieldError, FormError } from './form-errors.tsx';
import { translationsForm, TranslationsFields, translationsInput } from './translations-fields.tsx';

/** /admin/categories — ticket categories with their translations, order and whether customers can pick them. */
export function CategoriesPage() {
  const { t } = useTranslation();
  const categories = useQuery(categoriesQuery);
  return (
    <AdminListPage<Category>
      title={t('admin.category.listTitle')}
      newLabel={t('admin.category.new')}
      formTitle={(c) => (c ? t('admin.category.edit', { name: c.name }) : t('admin.category.new'))}
      renderForm={(c, done) => <CategoryForm category={c} onDone={done} />}
    >
      {(edit) => (
        <QueryState query={categories}>
          {(data) => (
            <AdminTable
              label={t('admin.category.listTitle')}
              items={data.items}
              onEdit={edit}
              columns={[
                { header: t('admin.key'), cell: (c) => c.key },
                { header: t('admin.translations'), cell: (c) => Object.values(c.translations).join(' · ') },
                { header: t('admin.position'), cell: (c) => c.position },
                { header: t('admin.active'), cell: (c) => (c.isActive ? t('admin.yes') : t('admin.no')) },
              ]}
            />
          )}
        </QueryState>
      )}
    </AdminListPage>
  );
}

function CategoryForm({ category, onDone }: { category: Category | null; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [key, setKey] = useState('');
  const [name, setName] = useState(category?.name ?? '');
  const [translations, setTranslations] = useState(translationsForm(category?.translations));
  const [position, setPosition] = useState<number | ''>(category?.position ?? '');
  const [isActive, setActive] = useState(category?.isActive ?? true);
  const save = useMutation({
    mutationFn: () => {
      const common = {
        name: name.trim(),
        translations: translationsInput(translations),
        ...(position !== '' ? { position } : {}),
      };
      return category
        ? adminApi.updateCategory(category.id, { ...common, isActive })
        : adminApi.createCategory({ key: key.trim(), ...common });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['categories'] });
      onDone();
    },
  });
  return (
    <Stack
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {!category && (
        <TextInput
          label={t('admin.key')}
          description={t('admin.keyHint')}
          required
          value={key}
          error={fieldError(save.error, 'key')}
          onChange={(e) => setKey(e.currentTarget.value)}
        />
      )}
      <TextInput
        label={t('admin.name')}
        required
        value={name}
        error={fieldError(save.error, 'name')}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <TranslationsFields value={translations} onChange={setTranslations} />
      <NumberInput
        label={t('admin.position')}
        min={0}
        max={10000}
        allowDecimal={false}
        value={position}
        error={fieldError(save.error, 'position')}
        onChange={(v) => setPosition(typeof v === 'number' ? v : '')}
      />
      {category && (
        <Switch label={t('admin.active')} checked={isActive} onChange={(e) => setActive(e.currentTarget.checked)} />
      )}
      <FormError error={save.error} />
      <FormButtons loading={save.isPending} isNew={!category} />
    </Stack>
  );
}
