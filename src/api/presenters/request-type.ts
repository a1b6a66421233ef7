import type { RequestTypeDefinition, TaskDef } from '../../workflow/domain/definition.js';
import { formJsonSchema } from '../../workflow/domain/form.js';

function taskOutline(task: TaskDef) {
  return {
    key: task.key,
    role: task.role,
    title: { ...task.title },
    slaHours: typeof task.slaHours === 'number' ? task.slaHours : null,
    approvals: task.approvals ?? 1,
    checklist: task.checklist.map((item) => ({ ...item })),
  };
}

/** A request type for clients of the API: titles, fields, the form's JSON Schema and the process outline. */
export function presentRequestType(definition: RequestTypeDefinition) {
  return {
    code: definition.code,
    version: definition.version,
    title: { ...definition.title },
    fields: definition.fields.map((field) => ({
      name: field.name,
      kind: field.kind,
      label: { ...field.label },
      prompt: { ...field.prompt },
      optional: field.optional ?? false,
      conditional: field.when !== undefined,
      ...(field.options
        ? { options: field.options.map((o) => ({ value: o.value, label: { ...o.label } })) }
        : {}),
    })),
    schema: formJsonSchema(definition),
    process: {
      review: 'client_manager',
      stages: definition.process.stages.map((stage) => ({
        key: stage.key,
        rule: stage.rule ?? 'all',
        tasks: stage.tasks.map(taskOutline),
      })),
      routing: definition.process.routing.map((rule) => ({
        key: rule.key,
        description: { ...rule.description },
        stage: rule.stage,
        task: taskOutline(rule.task),
      })),
      segregationOfDuties: definition.process.segregationOfDuties,
    },
  };
}
