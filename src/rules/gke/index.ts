// The GKE rule catalogue. Keep it sorted by id; the catalogue test checks that every file is listed.
import type { GkeRule } from './_gcloud.ts';
import anonymousAuthenticationLimited from './anonymous-authentication-limited.ts';
import apiServerLogging from './api-server-logging.ts';
import basicAuthDisabled from './basic-auth-disabled.ts';
import clientCertificateDisabled from './client-certificate-disabled.ts';
import gkeMetadataServer from './gke-metadata-server.ts';
import kubeletReadOnlyPortDisabled from './kubelet-read-only-port-disabled.ts';
import kubernetesVersionSupported from './kubernetes-version-supported.ts';
import legacyAbacDisabled from './legacy-abac-disabled.ts';
import masterAuthorizedNetworks from './master-authorized-networks.ts';
import networkPolicy from './network-policy.ts';
import nodeServiceAccount from './node-service-account.ts';
import privateNodes from './private-nodes.ts';
import releaseChannel from './release-channel.ts';
import securityPosture from './security-posture.ts';
import shieldedNodes from './shielded-nodes.ts';
import shieldedSecureBoot from './shielded-secure-boot.ts';
import vpcNative from './vpc-native.ts';
import workloadIdentity from './workload-identity.ts';

export const gkeRules: readonly GkeRule[] = [
  anonymousAuthenticationLimited,
  apiServerLogging,
  basicAuthDisabled,
  clientCertificateDisabled,
  gkeMetadataServer,
  kubeletReadOnlyPortDisabled,
  kubernetesVersionSupported,
  legacyAbacDisabled,
  masterAuthorizedNetworks,
  networkPolicy,
  nodeServiceAccount,
  privateNodes,
  releaseChannel,
  securityPosture,
  shieldedNodes,
  shieldedSecureBoot,
  vpcNative,
  workloadIdentity,
];
