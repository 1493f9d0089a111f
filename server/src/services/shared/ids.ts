const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are checked before they reach a uuid column: anything else names nothing (404), never a 500. */
export const isUuid = (value: string): boolean => UUID.test(value);
