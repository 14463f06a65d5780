// The workload rule catalogue. Keep it sorted by id; the catalogue test checks that every file is listed.
import allowPrivilegeEscalationDisabled from './allow-privilege-escalation-disabled.ts';
import anonymousNotBound from './anonymous-not-bound.ts';
import apparmorNotUnconfined from './apparmor-not-unconfined.ts';
import capabilitiesDropAll from './capabilities-drop-all.ts';
import cgroupMountReadOnly from './cgroup-mount-read-only.ts';
import dangerousCapabilitiesNotAdded from './dangerous-capabilities-not-added.ts';
import gitRepoVolumeNotUsed from './git-repo-volume-not-used.ts';
import hostNamespacesNotShared from './host-namespaces-not-shared.ts';
import hostPathNotMounted from './host-path-not-mounted.ts';
import hostPortsNotUsed from './host-ports-not-used.ts';
import imageTagPinned from './image-tag-pinned.ts';
import privilegedDisabled from './privileged-disabled.ts';
import probeHostNotSet from './probe-host-not-set.ts';
import procMountDefault from './proc-mount-default.ts';
import readOnlyRootFilesystem from './read-only-root-filesystem.ts';
import resourceLimitsSet from './resource-limits-set.ts';
import runAsNonRoot from './run-as-non-root.ts';
import runtimeSocketNotMounted from './runtime-socket-not-mounted.ts';
import seccompRuntimeDefault from './seccomp-runtime-default.ts';
import secretsNotInEnv from './secrets-not-in-env.ts';
import selinuxOptionsRestricted from './selinux-options-restricted.ts';
import serviceAccountTokenNotAutomounted from './service-account-token-not-automounted.ts';
import sysctlsSafe from './sysctls-safe.ts';
import ulimitsNotSet from './ulimits-not-set.ts';
import volumeTypesRestricted from './volume-types-restricted.ts';
import windowsHostProcessDisabled from './windows-host-process-disabled.ts';

export const workloadRules = [
  allowPrivilegeEscalationDisabled,
  anonymousNotBound,
  apparmorNotUnconfined,
  capabilitiesDropAll,
  cgroupMountReadOnly,
  dangerousCapabilitiesNotAdded,
  gitRepoVolumeNotUsed,
  hostNamespacesNotShared,
  hostPathNotMounted,
  hostPortsNotUsed,
  imageTagPinned,
  privilegedDisabled,
  probeHostNotSet,
  procMountDefault,
  readOnlyRootFilesystem,
  resourceLimitsSet,
  runAsNonRoot,
  runtimeSocketNotMounted,
  seccompRuntimeDefault,
  secretsNotInEnv,
  selinuxOptionsRestricted,
  serviceAccountTokenNotAutomounted,
  sysctlsSafe,
  ulimitsNotSet,
  volumeTypesRestricted,
  windowsHostProcessDisabled,
] as const;
