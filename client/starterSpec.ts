/**
 * The spec `macvlan.newSpec` writes. It must check clean (test/unit/client/starterSpec.test.ts),
 * so a new user's first view of the extension is a file without squiggles. Documentation
 * addresses only: a starter must never collide with a real LAN by accident.
 */
export const STARTER_SPEC = `# Docker macvlan/ipvlan networks and the containers with static addresses on them.
# Replace the documentation addresses (192.0.2.0/24) with your LAN's before applying.
version: 1

networks:
  lan:
    driver: macvlan
    parent: eth0                  # the host's NIC on the LAN
    subnet: 192.0.2.0/24
    gateway: 192.0.2.1            # the LAN's router
    ip_range: 192.0.2.128/25      # Docker's pool for containers without a static address

containers:
  web:
    image: nginx:alpine
    networks:
      lan:
        ipv4_address: 192.0.2.10  # static addresses stay below ip_range
    restart: unless-stopped
`;
