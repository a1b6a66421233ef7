import { useSearchParams } from 'react-router';

/**
 * A list's filters and page kept in the address (shareable, back-button friendly): `update` sets or clears keys
 * and goes back to the first page unless the page itself is what changes.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  return { params, page, update };
}
