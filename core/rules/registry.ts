import type { Rule } from './types';
import { rule as unsupportedVersion } from './unsupportedVersion';
import { rule as invalidEngineVersion } from './invalidEngineVersion';
import { rule as gatewayIsHostAddress } from './gatewayIsHostAddress';
import { rule as l3SubnetOnLink } from './l3SubnetOnLink';
import { rule as hostAddressTaken } from './hostAddressTaken';
import { rule as hostAddressInPool } from './hostAddressInPool';
import { rule as malformedAddress } from './malformedAddress';
import { rule as netmaskAsSubnet } from './netmaskAsSubnet';
import { rule as hostBitsSet } from './hostBitsSet';
import { rule as noUsableAddresses } from './noUsableAddresses';
import { rule as gatewayOutsideSubnet } from './gatewayOutsideSubnet';
import { rule as gatewayNetworkOrBroadcast } from './gatewayNetworkOrBroadcast';
import { rule as ipRangeOutsideSubnet } from './ipRangeOutsideSubnet';
import { rule as auxOutsideSubnet } from './auxOutsideSubnet';
import { rule as auxConflict } from './auxConflict';
import { rule as missingGateway } from './missingGateway';
import { rule as gatewayOnIpvlanL3 } from './gatewayOnIpvlanL3';
import { rule as ipv6Block } from './ipv6Block';
import { rule as subnetOverlap } from './subnetOverlap';
import { rule as ipRangeOverlap } from './ipRangeOverlap';
import { rule as sharedParent } from './sharedParent';
import { rule as mixedDriversOnParent } from './mixedDriversOnParent';
import { rule as segmentSubnetMismatch } from './segmentSubnetMismatch';
import { rule as subnetOnSeveralSegments } from './subnetOnSeveralSegments';
import { rule as crossHostPoolOverlap } from './crossHostPoolOverlap';
import { rule as overlapsExistingNetwork } from './overlapsExistingNetwork';
import { rule as swarmMembership } from './swarmMembership';
import { rule as malformedParent } from './malformedParent';
import { rule as parentVlanMismatch } from './parentVlanMismatch';
import { rule as missingOrLoopbackParent } from './missingOrLoopbackParent';
import { rule as unknownParent } from './unknownParent';
import { rule as wirelessParent } from './wirelessParent';
import { rule as modeNotForDriver } from './modeNotForDriver';
import { rule as undefinedNetwork } from './undefinedNetwork';
import { rule as addressOutsideSubnet } from './addressOutsideSubnet';
import { rule as addressReserved } from './addressReserved';
import { rule as duplicateAddress } from './duplicateAddress';
import { rule as addressInDynamicPool } from './addressInDynamicPool';
import { rule as badMacAddress } from './badMacAddress';
import { rule as ipv6WithoutSubnet } from './ipv6WithoutSubnet';
import { rule as hostWithoutNetwork } from './hostWithoutNetwork';
import { rule as passthruSharing } from './passthruSharing';
import { rule as poolExhausted } from './poolExhausted';
import { rule as excludedAddress } from './excludedAddress';
import { rule as tcpWithoutTls } from './tcpWithoutTls';
import { rule as tlsPathOutsideSpec } from './tlsPathOutsideSpec';
import { rule as unknownHost } from './unknownHost';

/**
 * Every rule, in code order. Adding a rule: one file exporting `rule`, one line here. A code may
 * have more than one rule (MV501): SARIF joins their titles.
 */
export const RULES: readonly Rule[] = [
  unsupportedVersion, // MV002
  invalidEngineVersion, // MV001
  malformedAddress, // MV101
  netmaskAsSubnet, // MV101
  hostBitsSet, // MV102
  noUsableAddresses, // MV103
  gatewayOutsideSubnet, // MV104
  gatewayNetworkOrBroadcast, // MV105
  ipRangeOutsideSubnet, // MV106
  auxOutsideSubnet, // MV107
  auxConflict, // MV108
  missingGateway, // MV109
  gatewayOnIpvlanL3, // MV110
  ipv6Block, // MV111
  gatewayIsHostAddress, // MV112
  l3SubnetOnLink, // MV113
  subnetOverlap, // MV201
  ipRangeOverlap, // MV202
  sharedParent, // MV203
  mixedDriversOnParent, // MV204
  segmentSubnetMismatch, // MV205
  subnetOnSeveralSegments, // MV206
  crossHostPoolOverlap, // MV207
  overlapsExistingNetwork, // MV208
  swarmMembership, // MV209
  malformedParent, // MV301
  parentVlanMismatch, // MV302
  missingOrLoopbackParent, // MV303
  unknownParent, // MV304
  wirelessParent, // MV305
  modeNotForDriver, // MV306
  undefinedNetwork, // MV401
  addressOutsideSubnet, // MV402
  addressReserved, // MV403
  duplicateAddress, // MV404
  addressInDynamicPool, // MV405
  badMacAddress, // MV406
  ipv6WithoutSubnet, // MV407
  hostWithoutNetwork, // MV408
  passthruSharing, // MV409
  poolExhausted, // MV410
  excludedAddress, // MV411
  hostAddressTaken, // MV412
  hostAddressInPool, // MV413
  tcpWithoutTls, // MV501
  tlsPathOutsideSpec, // MV501 (tls: files outside the spec's folder)
  unknownHost, // MV502
];
