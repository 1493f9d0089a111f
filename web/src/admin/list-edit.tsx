import { ActionIcon, type MantineSpacing } from '@mantine/core';

/** A copy of `list` with the item at `index` changed by `patch` (the rows of an editable list are immutable). */
export function patchAt<T>(list: readonly T[], index: number, patch: Partial<T>): T[] {
  return list.map((item, i) => (i === index ? { ...item, ...patch } : item));
}

/** The × that removes one row of an editable list; `label` names the row for screen readers. */
export function RemoveRowButton({ label, onClick, mt }: { label: string; onClick: () => void; mt?: MantineSpacing }) {
  return (
    <ActionIcon variant="subtle" color="red" aria-label={label} onClick={onClick} {...(mt !== undefined ? { mt } : {})}>
      ×
    </ActionIcon>
  );
}
