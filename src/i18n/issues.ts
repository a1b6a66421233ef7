import type { FieldIssue, FieldIssues } from '../workflow/domain/validation/issues.js';
import type { Catalog } from './catalog-type.js';

/** One validation issue in words. */
export function issueText(t: Catalog, issue: FieldIssue): string {
  return t.validation[issue.code](issue.params ?? {});
}

/** A form's issues in words, field by field. */
export function issueTexts(t: Catalog, issues: FieldIssues): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(issues).map(([field, list]) => [field, list.map((issue) => issueText(t, issue))]),
  );
}
