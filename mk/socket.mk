# The socket module's kernel tests build network namespaces, veth pairs and packet drops of their
# own: iproute2 (ip netns, ip link) and nftables (nft, numgen).
APT_PACKAGES += iproute2 nftables
