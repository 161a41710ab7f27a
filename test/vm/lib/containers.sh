# podman in the guest, for the fleet group: rootful podman with its
# OCI runtime crun, no network, no image registry (each container runs a
# --rootfs directory made here), cgroup v2 for the device rules.
# t/fleet/.tools brings podman, crun and conmon into the initramfs.

CTR_ROOT=/tmp/ctr-root

# podman_setup: cgroup2, podman's configuration, and a root directory with
# busybox and the test programs with their libraries
podman_setup() {
	mkdir -p /sys/fs/cgroup
	grep -q ' /sys/fs/cgroup cgroup2 ' /proc/mounts ||
		mount -t cgroup2 none /sys/fs/cgroup
	mkdir -p /etc/containers /var/lib/containers /run/containers
	# The guest's root is the initramfs, which pivot_root cannot leave:
	# the runtime chroots instead (no_pivot_root). The events go to a file
	# (no journald), storage is vfs (no images are pulled).
	cat > /etc/containers/containers.conf <<-'X'
	[containers]
	netns = "none"
	[engine]
	cgroup_manager = "cgroupfs"
	events_logger = "file"
	no_pivot_root = true
	runtime = "crun"
	X
	cat > /etc/containers/storage.conf <<-'X'
	[storage]
	driver = "vfs"
	runroot = "/run/containers/storage"
	graphroot = "/var/lib/containers/storage"
	X
	rm -rf "$CTR_ROOT"
	mkdir -p "$CTR_ROOT"/bin "$CTR_ROOT"/dev "$CTR_ROOT"/proc "$CTR_ROOT"/sys \
		"$CTR_ROOT"/tmp "$CTR_ROOT"/etc "$CTR_ROOT"/run
	cp /usr/bin/busybox "$CTR_ROOT/bin/"
	for a in sh ls cat id stat env grep wc sleep readlink; do
		ln -s busybox "$CTR_ROOT/bin/$a"
	done
	grep -E '^(root|alice|bob|nobody):' /etc/passwd > "$CTR_ROOT/etc/passwd"
	grep -E '^(root|alice|bob|nogroup):' /etc/group > "$CTR_ROOT/etc/group"
	for p in "$@"; do
		ctr_put "$(command -v "$p")"
		ln -s "$(command -v "$p")" "$CTR_ROOT/bin/$(basename "$p")" 2>/dev/null || true
	done
}

# ctr_put FILE: FILE and the libraries it needs, at the same paths (the
# guest has no ldd: the dynamic loader lists them itself)
ctr_put() {
	mkdir -p "$CTR_ROOT$(dirname "$1")"
	cp -L "$1" "$CTR_ROOT$1"
	/lib64/ld-linux-x86-64.so.2 --list "$1" 2>/dev/null | sed -n 's/.*=> \(\/[^ ]*\).*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p' |
		while read -r lib; do
			[ -e "$CTR_ROOT$lib" ] && continue
			mkdir -p "$CTR_ROOT$(dirname "$lib")"
			cp -L "$lib" "$CTR_ROOT$lib"
		done
}

# ctr USER [podman run options...] -- CMD...: run CMD in a container as USER
ctr() {
	local user=$1 opts=
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		opts="$opts $1"
		shift
	done
	shift
	# shellcheck disable=SC2086
	podman run --rm --user "$(id -u "$user"):$(id -g "$user")" $opts --rootfs "$CTR_ROOT" "$@"
}

# the CDI spec file that offers pool NAME, if one does
cdi_spec_of() {
	for f in /run/cdi/*.json; do
		[ -e "$f" ] || continue
		if [ "$(jq -r '.devices[0].name' "$f" 2>/dev/null)" = "$1" ]; then
			echo "$f"
			return 0
		fi
	done
	return 1
}
