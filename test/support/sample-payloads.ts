// The sample payloads live with the demo data (the volume seed uses them too).
export * from '../../src/demo/sample-payloads.js';
