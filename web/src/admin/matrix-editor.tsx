import { Select, Table } from '@mantine/core';
import type { Level, Priority } from '@loket/contract';
import { useTranslation } from 'react-i18next';
import { LEVELS, type MatrixCell, PRIORITIES } from './contract-form.ts';

/** The urgency × impact grid: one priority per cell, rows are urgency and columns impact. */
export function MatrixEditor({ cells, onChange }: { cells: MatrixCell[]; onChange: (cells: MatrixCell[]) => void }) {
  const { t } = useTranslation();
  const cell = (urgency: Level, impact: Level) => cells.find((c) => c.urgency === urgency && c.impact === impact);
  const set = (urgency: Level, impact: Level, priority: Priority) => {
    const rest = cells.filter((c) => !(c.urgency === urgency && c.impact === impact));
    onChange([...rest, { urgency, impact, priority }]);
  };
  return (
    <Table withTableBorder withColumnBorders w="fit-content" aria-label={t('admin.matrix.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('admin.matrix.urgencyImpact')}</Table.Th>
          {LEVELS.map((impact) => (
            <Table.Th key={impact} scope="col">
              {t('admin.matrix.impactLevel', { level: t(`admin.level.${impact}`) })}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {LEVELS.map((urgency) => (
          <Table.Tr key={urgency}>
            <Table.Th scope="row">{t('admin.matrix.urgencyLevel', { level: t(`admin.level.${urgency}`) })}</Table.Th>
            {LEVELS.map((impact) => (
              <Table.Td key={impact}>
                <Select
                  size="xs"
                  w={90}
                  allowDeselect={false}
                  aria-label={t('admin.matrix.cellLabel', {
                    urgency: t(`admin.level.${urgency}`),
                    impact: t(`admin.level.${impact}`),
                  })}
                  data={[...PRIORITIES]}
                  value={cell(urgency, impact)?.priority ?? null}
                  onChange={(value) => value && set(urgency, impact, value as Priority)}
                />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
