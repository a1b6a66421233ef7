import { Checkbox, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useI18n } from '../../../lib/i18n';
import type { RequestType } from '../api';
import { decimalForDisplay } from '../form-model';

/** A field as the API describes it (request types and the account-opening questionnaire alike). */
type Field = Pick<
  RequestType['fields'][number],
  'name' | 'kind' | 'label' | 'prompt' | 'optional' | 'options'
>;

interface FieldInputProps {
  field: Field;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
  onBlur(): void;
}

const NUMERIC_KINDS = new Set(['bic', 'account', 'integer', 'year']);

/** One field of a request form, chosen by its kind: its label, its hint, "optional" when it is, its error. */
export function FieldInput({ field, value, error, onChange, onBlur }: FieldInputProps) {
  const { t, locale } = useI18n();
  const n = t.web.newRequest;
  const label = field.optional ? `${field.label[locale]} (${n.optional})` : field.label[locale];
  const common = {
    label,
    description: field.prompt[locale],
    error,
    required: !field.optional,
    name: field.name,
  };
  if (field.kind === 'enum') {
    const options = (field.options ?? []).map((o) => ({ value: o.value, label: o.label[locale] }));
    if (options.length <= 3)
      return (
        <Radio.Group {...common} value={value} onChange={onChange}>
          <Stack gap={8} mt={6}>
            {options.map((o) => (
              <Radio key={o.value} value={o.value} label={o.label} onBlur={onBlur} />
            ))}
          </Stack>
        </Radio.Group>
      );
    return (
      <Select
        {...common}
        onBlur={onBlur}
        data={options}
        value={value === '' ? null : value}
        onChange={(next) => onChange(next ?? '')}
        placeholder={n.choose}
        allowDeselect={field.optional}
      />
    );
  }
  if (field.kind === 'checkbox')
    return (
      <Checkbox
        name={field.name}
        label={field.label[locale]}
        description={field.prompt[locale]}
        error={error}
        checked={value === 'true'}
        onChange={(event) => onChange(event.currentTarget.checked ? 'true' : 'false')}
        onBlur={onBlur}
      />
    );
  if (field.kind === 'phone' || field.kind === 'email')
    return (
      <TextInput
        {...common}
        onBlur={onBlur}
        type={field.kind === 'phone' ? 'tel' : 'email'}
        inputMode={field.kind === 'phone' ? 'tel' : 'email'}
        autoComplete={field.kind === 'phone' ? 'tel' : 'email'}
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    );
  if (field.kind === 'textarea')
    return (
      <Textarea
        {...common}
        onBlur={onBlur}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        autosize
        minRows={3}
        maxLength={2000}
      />
    );
  if (field.kind === 'date')
    return (
      <TextInput
        {...common}
        onBlur={onBlur}
        type="date"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    );
  if (field.kind === 'decimal')
    return (
      <TextInput
        {...common}
        inputMode="decimal"
        autoComplete="off"
        placeholder={n.amountHint}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        onBlur={() => {
          onChange(decimalForDisplay(value, locale));
          onBlur();
        }}
      />
    );
  return (
    <TextInput
      {...common}
      onBlur={onBlur}
      inputMode={NUMERIC_KINDS.has(field.kind) ? 'numeric' : 'text'}
      autoComplete="off"
      spellCheck={field.kind === 'text'}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}

export function FormLevelError({ text }: { text: string | undefined }) {
  return text ? (
    <Text c="red.8" size="sm" role="alert">
      {text}
    </Text>
  ) : null;
}
