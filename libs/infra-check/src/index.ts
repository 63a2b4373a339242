export { OVERLAYS, WORKSPACE_ROOT, objectName, parseYamlObjects, renderKustomization } from './render';
export type { KubeObject } from './render';
export { modelModulePath, validateWithModels } from './model-paths';
export type { ModelValidationResult } from './model-paths';
export { CRD_SCHEMA_DIRECTORY, CrdValidator } from './crd-validation';
export { incompleteDeployments, insecureWorkloads, literalSecrets } from './policy-checks';
export {
  NATS_CONFIG_FILE,
  localNatsConfig,
  passwordVariables,
  readExternalSubjects,
  readNatsConfig,
} from './nats-config';
export type { ExternalSubjects, LocalNatsConfigOptions } from './nats-config';
export {
  RULES_DIRECTORY,
  checkRulesWithPromtool,
  exportedMetricNames,
  metricNames,
  metricsOfRuleFile,
  ruleFiles,
} from './alert-rules';
export { DASHBOARDS_DIRECTORY, dashboardFiles, readDashboard } from './dashboards';
export { CheckToolError, KUBECTL, NATS_SERVER, PROMTOOL, ensureTool, runTool } from './tools';
export type { CheckTool } from './tools';
