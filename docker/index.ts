export type { DockerHost, EngineInfo, NetworkInfo, ContainerInfo, ContainerCreate, EndpointRequest, DockerEvent, VolumeInfo } from './types';
export { DockerError, type DockerErrorKind } from './errors';
export { resolveTarget, parseDockerUrl, type ResolveOptions, type SpecHostConnection } from './connect';
export { isPlainTcp, DEFAULT_SOCKET, type DockerTarget, type TlsFiles } from './target';
export { tlsFilesOutside, specTlsFiles, describeOutside, type TlsFileOutside } from './tlsPaths';
export { openDockerHost, DEFAULT_TIMEOUT_MS, type HostOptions } from './dockerodeHost';
export { observeDetail, type ObserveOptions } from './observe';
export { applyPlan, type ApplyOptions, type ApplyProgress, type ApplyResult } from './apply';
export { acquireLock, LOCK_VOLUME, type HostLock } from './lock';
