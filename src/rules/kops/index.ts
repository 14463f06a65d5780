// The kops rule catalogue. Keep it sorted by id; the catalogue test checks that every file is listed.
import admissionNodeRestriction from './admission-node-restriction.ts';
import apiAccessRestricted from './api-access-restricted.ts';
import apiserverAnonymousAuthDisabled from './apiserver-anonymous-auth-disabled.ts';
import auditLoggingEnabled from './audit-logging-enabled.ts';
import authorizationModeNotAlwaysAllow from './authorization-mode-not-always-allow.ts';
import etcdVolumesEncrypted from './etcd-volumes-encrypted.ts';
import imdsV2Required from './imds-v2-required.ts';
import kubeletAnonymousAuthDisabled from './kubelet-anonymous-auth-disabled.ts';
import kubeletReadOnlyPortDisabled from './kubelet-read-only-port-disabled.ts';
import kubernetesVersionSupported from './kubernetes-version-supported.ts';
import networkPolicyCapable from './network-policy-capable.ts';
import nodePortAccessRestricted from './node-port-access-restricted.ts';
import privateTopology from './private-topology.ts';
import rbacAuthorization from './rbac-authorization.ts';
import secretsEncryptedAtRest from './secrets-encrypted-at-rest.ts';
import sshAccessRestricted from './ssh-access-restricted.ts';

export const kopsRules = [
  admissionNodeRestriction,
  apiAccessRestricted,
  apiserverAnonymousAuthDisabled,
  auditLoggingEnabled,
  authorizationModeNotAlwaysAllow,
  etcdVolumesEncrypted,
  imdsV2Required,
  kubeletAnonymousAuthDisabled,
  kubeletReadOnlyPortDisabled,
  kubernetesVersionSupported,
  networkPolicyCapable,
  nodePortAccessRestricted,
  privateTopology,
  rbacAuthorization,
  secretsEncryptedAtRest,
  sshAccessRestricted,
] as const;
